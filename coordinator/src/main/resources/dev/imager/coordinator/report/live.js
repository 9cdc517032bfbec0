/*
 * imager live page: the report page kept current while the run goes. Every second it fetches the run so far
 * (live/report?after=<last round it has>, relative to the page, so it also works behind a proxy path), adds the
 * new rounds to those it has, and redraws the report with ImagerReport.render on a fresh copy of the page's
 * sections, keeping what the reader switched (hidden series, log scales, the open round table). Above the report
 * it shows the run's status and phase, as /status has them: every value cell has data-metric (the /status field)
 * and data-value (its raw value).
 */
(function () {
  'use strict';

  var P = ImagerPage;
  var POLL_MS = 1000;
  var RETRY_MS = [2000, 5000];
  var TABLE_ROUNDS = 100;
  /** As many rounds as the coordinator keeps for the live view (LiveReport.MAX_ROUNDS). */
  var MAX_ROUNDS = 3600;

  var pristine = document.querySelector('main').cloneNode(true);
  var rounds = [];
  var lastRound = -1;
  var updates = 0;
  var failures = 0;
  var panel = statusPanel();
  document.querySelector('footer').textContent = 'imager live page: the run so far, from the coordinator, every '
    + 'second. The final report (--report-dir) is written when the run ends.';

  function statusPanel() {
    var section = P.node('section', { id: 'live-status' });
    section.appendChild(P.node('h2', {}, 'Live'));
    var line = P.node('p', { 'class': 'hint', id: 'live-line' }, 'connecting...');
    section.appendChild(line);
    var table = P.node('table', { 'class': 'summary', id: 'live-table' });
    section.appendChild(table);
    var main = document.querySelector('main');
    main.parentNode.insertBefore(section, main);
    return { line: line, table: table };
  }

  function fillStatus(s, takenAt) {
    var table = panel.table;
    // The closed model plans users, not a rate (plannedUnit): its planned count and capacity are users.
    var users = s.plannedUnit === 'users';
    var planned = function (v) { return users ? P.count(v) + ' users' : P.rps(v); };
    P.clear(table);
    P.head(table, ['state', 'phase', 'round', 'elapsed', users ? 'planned users' : 'planned rate', 'achieved rate',
      'p50', 'p99', 'planned', 'sent', 'ok', 'failed', 'dropped', 'lost', 'workers live', 'missing', 'gone', 'capacity']);
    var measured = s.sent > 0;
    var workers = s.workers || {};
    P.row(table, [
      P.cell('state', s.state, s.state), P.cell('phase', s.phase, s.phase || '-'),
      P.cell('round', s.round, s.round < 0 ? '-' : String(s.round)),
      P.cell('elapsedSeconds', s.elapsedSeconds, P.seconds(s.elapsedSeconds)),
      P.cell('plannedRate', s.plannedRate, planned(s.plannedRate)),
      P.cell('achievedRate', s.achievedRate, P.rps(s.achievedRate)),
      P.cell('p50Ms', s.p50Ms, measured ? P.ms(s.p50Ms) : '-'), P.cell('p99Ms', s.p99Ms, measured ? P.ms(s.p99Ms) : '-'),
      P.cell('planned', s.planned, P.count(s.planned)), P.cell('sent', s.sent, P.count(s.sent)),
      P.cell('ok', s.ok, P.count(s.ok)), P.cell('failed', s.failed, P.count(s.failed)),
      P.cell('dropped', s.dropped, P.count(s.dropped)), P.cell('lost', s.lost, P.count(s.lost)),
      P.cell('workers.live', workers.live || 0, P.count(workers.live || 0)),
      P.cell('workers.missing', workers.missing || 0, P.count(workers.missing || 0)),
      P.cell('workers.gone', workers.gone || 0, P.count(workers.gone || 0)),
      P.cell('capacityRps', s.capacityRps === null ? '' : s.capacityRps,
        s.capacityRps === null ? '-' : planned(s.capacityRps))
    ]);
    panel.line.textContent = 'run ' + s.runId + ', ' + s.state + (s.phase ? ' (' + s.phase + ')' : '') + '; updated '
      + takenAt + (s.state === 'finished' ? '. The run has finished: the final report is written where --report-dir says.'
        : ', every second.');
    panel.line.removeAttribute('data-stale');
  }

  /** What the reader switched on the page, to keep across a redraw. */
  function readerState() {
    var state = { off: [], log: {}, open: false };
    document.querySelectorAll('ul.legend li.off').forEach(function (li) {
      state.off.push([li.parentNode.getAttribute('data-legend-for'), li.getAttribute('data-legend')]);
    });
    document.querySelectorAll('input[data-log-for]').forEach(function (box) {
      state.log[box.getAttribute('data-log-for')] = box.checked;
    });
    var details = document.querySelector('#rounds details');
    state.open = !!(details && details.open);
    return state;
  }

  function restore(state) {
    Object.keys(state.log).forEach(function (chart) {
      var box = document.querySelector('input[data-log-for="' + CSS.escape(chart) + '"]');
      if (box && box.checked !== state.log[chart]) {
        box.checked = state.log[chart];
        if (box.onchange) { box.onchange(); }
      }
    });
    state.off.forEach(function (pair) {
      var li = document.querySelector('ul[data-legend-for="' + CSS.escape(pair[0]) + '"] li[data-legend="'
        + CSS.escape(pair[1]) + '"]');
      if (li && !li.classList.contains('off') && li.onclick) { li.onclick(); }
    });
    var details = document.querySelector('#rounds details');
    if (details) { details.open = state.open; }
  }

  function redraw(snapshot) {
    var state = readerState();
    var main = document.querySelector('main');
    main.parentNode.replaceChild(pristine.cloneNode(true), main);
    var data = Object.assign({}, snapshot, { rounds: rounds });
    ImagerReport.render(data, { tableRounds: TABLE_ROUNDS });
    restore(state);
    // The header reads as a finished report's: say what its end fields mean while the run goes.
    relabel('ended', 'updated');
    relabel('end-reason', 'state');
  }

  function relabel(field, label) {
    var dd = document.querySelector('dd[data-field="' + field + '"]');
    if (dd && dd.previousSibling) { dd.previousSibling.textContent = label; }
  }

  function apply(snapshot) {
    snapshot.rounds.forEach(function (r) {
      if (r.round > lastRound) {
        rounds.push(r);
        lastRound = r.round;
      }
    });
    var keepFrom = snapshot.firstRound;
    var drop = 0;
    while (drop < rounds.length && (rounds[drop].round < keepFrom || rounds.length - drop > MAX_ROUNDS)) { drop++; }
    if (drop) { rounds.splice(0, drop); }
    redraw(snapshot);
    fillStatus(snapshot.status, snapshot.endedAt);
    updates++;
    document.documentElement.setAttribute('data-live-updates', String(updates));
    document.documentElement.setAttribute('data-live-state', snapshot.status.state);
  }

  function poll() {
    fetch('live/report?after=' + lastRound, { cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        return response.json();
      })
      .then(function (snapshot) {
        failures = 0;
        apply(snapshot);
        if (snapshot.status.state !== 'finished') { setTimeout(poll, snapshot.more ? 0 : POLL_MS); }
      })
      .catch(function (error) {
        failures++;
        panel.line.textContent = 'cannot reach the coordinator (' + error.message + '): the run may have ended. '
          + 'Trying again.';
        panel.line.setAttribute('data-stale', 'true');
        setTimeout(poll, RETRY_MS[Math.min(failures, RETRY_MS.length) - 1]);
      });
  }

  var first = ImagerReport.embedded();
  apply(first);
  if (first.status.state !== 'finished') { setTimeout(poll, first.more ? 0 : POLL_MS); }
})();
