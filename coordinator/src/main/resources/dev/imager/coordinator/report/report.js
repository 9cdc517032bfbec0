/*
 * imager report page: draws a report (the embedded JSON, the same document as report.json) into the page: the
 * summary, thresholds, charts and tables. Every number shown comes from that JSON; every value cell carries
 * data-metric and its raw number in data-value, so tests and scrapers need not parse display text.
 * ImagerReport.render(data, options) draws into the page's elements as they are; the live page calls it again
 * on a fresh copy of them every second.
 */
var ImagerReport = (function () {
  'use strict';

  var P = ImagerPage;
  var count = P.count, ms = P.ms, rps = P.rps, pct = P.pct, mib = P.mib, seconds = P.seconds;
  var node = P.node, cell = P.cell, row = P.row, head = P.head;
  var X_LABEL = 'time since start, s';
  var data, totals, settings, roundSeconds, rounds, xMax, options;

  var PERCENTILE_COLORS = { p50: '#2b8cbe', p90: '#31a354', p99: '#e6550d', max: '#a50f15' };
  var OUTCOMES = [
    { key: 'ok', label: 'ok', color: '#2ca25f' },
    { key: 'http4xx', label: 'http 4xx', color: '#fdae6b' },
    { key: 'http5xx', label: 'http 5xx', color: '#e6550d' },
    { key: 'timeout', label: 'timeout', color: '#756bb1' },
    { key: 'connectError', label: 'connect error', color: '#de2d26' },
    { key: 'otherError', label: 'other error', color: '#636363' },
    { key: 'dropped', label: 'dropped (not sent)', color: '#3182bd' },
    { key: 'lost', label: 'lost (not reported)', color: '#111111' }
  ];
  var VERDICT_COLORS = {
    PASS: '#1a7f37', FAIL: '#cf222e', INCONCLUSIVE: '#8c959f', GENERATOR_LIMITED: '#d4a72c',
    RECOVERY_PASS: '#1b9e9e', RECOVERY_FAIL: '#8e1519'
  };
  var POD_COLORS = ['#2b8cbe', '#e6550d', '#31a354', '#756bb1', '#d4a72c', '#636363', '#de2d26', '#1b9e9e'];

  function maxPodTime() {
    var max = 0;
    data.pods.forEach(function (p) { p.points.forEach(function (q) { max = Math.max(max, q.t); }); });
    return max;
  }

  // ---- header and summary ----
  function fillHeader() {
    document.querySelector('[data-field="runId"]').textContent = data.runId;
    var meta = document.getElementById('run-meta');
    // Closed-model users send when their previous request ended: no arrival process applies.
    var arrivals = settings.model === 'closed' ? '' : ', ' + settings.arrival + ' arrivals';
    P.clear(meta);
    [
      ['started', data.startedAt || '-'], ['ended', data.endedAt || '-'],
      ['duration', seconds(totals.durationSeconds)], ['end reason', data.endReason],
      // report.json says whether it is final; the live page's data does not (it is always the run so far).
      ['report', data.partial === undefined ? null
        : data.partial ? 'PARTIAL: written while the run went on; the final report replaces it' : 'final'],
      ['target', settings.target + ' (' + settings.targetMode + ')'],
      ['model', settings.model === 'closed'
        ? 'closed: ' + (settings.users > 0 ? settings.users + ' users' : 'rates are user counts') + ', think time '
          + settings.thinkTimeMs + ' ms; latency is service time (no coordinated-omission correction)'
        : 'open'],
      ['load', settings.stages
        ? settings.loadCalculator + ', ' + (settings.preset ? 'preset ' + settings.preset + ': ' : '')
          + settings.stages + arrivals + ', ' + settings.roundSeconds + ' s rounds'
        : settings.loadCalculator + ', ' + settings.minRps + '..' + settings.maxRps
          + (settings.model === 'closed' ? ' users' : ' rps') + ', step '
          + settings.stepRps + arrivals + ', ' + settings.roundSeconds + ' s rounds'],
      ['workers', settings.workers + (settings.local ? ' (local)' : ' (distributed)')],
      ['request timeout', settings.requestTimeoutMs + ' ms'], ['requests from', settings.requestSource],
      ['http', 'version ' + settings.httpVersion + ', ' + (settings.maxRedirects > 0
        ? 'redirects followed (up to ' + settings.maxRedirects + ')' : 'redirects not followed')],
      ['coordinator', data.coordinatorId + ', imager ' + data.version]
    ].filter(function (pair) { return pair[1] !== null; }).forEach(function (pair) {
      meta.appendChild(node('dt', {}, pair[0]));
      meta.appendChild(node('dd', { 'data-field': pair[0].replace(/ /g, '-') }, pair[1]));
    });
  }

  function fillSummary() {
    var requests = document.getElementById('summary-requests');
    head(requests, ['', 'count', '% of planned']);
    [['planned', 'planned'], ['sent', 'sent'], ['ok', 'ok'], ['http4xx', 'http 4xx'], ['http5xx', 'http 5xx'],
      ['timeout', 'timeout'], ['connectError', 'connect error'], ['otherError', 'other error'],
      ['dropped', 'dropped (not sent)'], ['lost', 'lost (not reported)']].forEach(function (m) {
      var n = totals[m[0]];
      row(requests, [node('th', {}, m[1]), cell(m[0], n, count(n)),
        cell(m[0] + '-share', totals.planned ? n / totals.planned : 0, totals.planned ? pct(n / totals.planned) : '-')]);
      if (m[0] === 'dropped') {
        // Why they were not sent: one row per reason, named in data-reason (no reason is an identifier).
        Object.keys(totals.droppedBy || {}).forEach(function (reason) {
          var k = totals.droppedBy[reason];
          var tr = row(requests, [node('th', { 'class': 'sub' }, reason), cell('droppedBy', k, count(k)),
            cell('droppedBy-share', totals.planned ? k / totals.planned : 0,
              totals.planned ? pct(k / totals.planned) : '-')]);
          tr.setAttribute('data-reason', reason);
        });
      }
    });

    var rate = document.getElementById('summary-rate');
    row(rate, [node('th', {}, 'planned rate'), cell('plannedRate', totals.plannedRate, rps(totals.plannedRate))]);
    row(rate, [node('th', {}, 'achieved rate'), cell('achievedRate', totals.achievedRate, rps(totals.achievedRate))]);
    row(rate, [node('th', {}, 'error rate (of sent)'), cell('errorRate', totals.errorRate, pct(totals.errorRate))]);
    row(rate, [node('th', {}, 'duration'), cell('durationSeconds', totals.durationSeconds, seconds(totals.durationSeconds))]);
    row(rate, [node('th', {}, 'rounds (not sent)'), cell('rounds', totals.rounds,
      count(totals.rounds) + ' (' + count(totals.notSentRounds) + ')')]);
    row(rate, [node('th', {}, 'received'), cell('bytesReceived', totals.bytesReceived, mib(totals.bytesReceived))]);
    if (data.capacity) {
      // In the closed model the search is over users: its capacity is a user count.
      var capacity = settings.model === 'closed' ? data.capacity.rps + ' users' : rps(data.capacity.rps);
      row(rate, [node('th', {}, 'capacity'), cell('capacity', data.capacity.rps, capacity)]);
      row(rate, [node('th', {}, ''), node('td', { 'class': 'text', 'data-field': 'capacity-note' }, data.capacity.note)]);
    }

    var latency = document.getElementById('summary-latency');
    head(latency, ['', 'p50', 'p90', 'p99', 'p99.9', 'max', 'mean', 'samples']);
    [['', 'corrected', totals.latencyMs], ['service-', 'service time', totals.serviceTimeMs],
      ['lag-', 'send lag', totals.sendLagMs]].forEach(function (r) {
      var p = r[2];
      var cells = [node('th', {}, r[1])];
      ['p50', 'p90', 'p99', 'p999', 'max', 'mean'].forEach(function (k) {
        cells.push(cell(r[0] + k, p[k], p.count ? ms(p[k]) : '-'));
      });
      cells.push(cell(r[0] + 'samples', p.count, count(p.count)));
      row(latency, cells);
    });
  }

  /** Responses by HTTP version and status code (from reports before the breakdown: by status code only). */
  function fillResponses() {
    var table = document.getElementById('summary-responses');
    head(table, ['protocol', 'status', 'responses'], 3);
    var byProtocol = totals.protocols && Object.keys(totals.protocols).length ? totals.protocols
      : { '-': totals.statusCodes || {} };
    Object.keys(byProtocol).sort().forEach(function (protocol) {
      Object.keys(byProtocol[protocol]).sort().forEach(function (status) {
        var n = byProtocol[protocol][status];
        row(table, [node('th', {}, protocol), node('td', {}, status),
          cell('responses-' + protocol + '-' + status, n, count(n))]);
      });
    });
  }

  function fillThresholds() {
    if (!data.thresholds.length) { return; }
    var table = document.getElementById('threshold-table');
    head(table, ['result', 'threshold', 'actual'], 1);
    data.thresholds.forEach(function (t) {
      var badge = node('td', { 'data-threshold': t.expression, 'data-passed': String(t.passed) });
      badge.appendChild(node('span', { 'class': 'badge ' + (t.passed ? 'pass' : 'fail') }, t.passed ? 'PASS' : 'FAIL'));
      row(table, [badge, t.expression, t.actual]);
    });
    document.getElementById('thresholds').hidden = false;
  }

  // ---- charts ----
  function svg(name) { return ImagerCharts.svg(name); }
  var chart = ImagerCharts.chart;

  function rateChart() {
    if (!rounds.length) { ImagerCharts.note(svg('rate'), 'No round completed: there is no rate to plot.'); return; }
    var series = [
      // A closed-model round's rate is its user count: what its users started is the rate to plot.
      settings.model === 'closed'
        ? { key: 'planned', label: 'started (by the users)', color: '#57606a', dash: true,
          points: rounds.map(function (r) { return [r.t, r.planned / roundSeconds]; }) }
        : { key: 'planned', label: 'planned', color: '#57606a', dash: true,
          points: rounds.map(function (r) { return [r.t, r.rate]; }) },
      { key: 'achieved', label: 'achieved (sent / round length)', color: '#0969da',
        points: rounds.map(function (r) { return [r.t, r.sent / roundSeconds]; }) }
    ];
    chart('rate', function () {
      return { xLabel: X_LABEL, yLabel: 'requests/s', xMax: xMax, series: series, format: rps };
    }, series);
  }

  function latencyChart() {
    var anyData = rounds.some(function (r) { return r.latencyMs.count > 0 || r.serviceTimeMs.count > 0; });
    if (!anyData) { ImagerCharts.note(svg('latency'), 'No response was received: there is no latency to plot.'); return; }
    var series = [];
    [['', 'latencyMs', 'corrected', false], ['service-', 'serviceTimeMs', 'service time', true]].forEach(function (kind) {
      ['p50', 'p90', 'p99', 'max'].forEach(function (k) {
        series.push({
          key: kind[0] + k, label: kind[2] + ' ' + k, color: PERCENTILE_COLORS[k], dash: kind[3],
          points: rounds.map(function (r) { var p = r[kind[1]]; return [r.t, p.count > 0 ? p[k] : null]; })
        });
      });
    });
    chart('latency', function () {
      return { xLabel: X_LABEL, yLabel: 'latency, ms', xMax: xMax, series: series, format: ms };
    }, series);
  }

  function outcomesChart() {
    if (!rounds.length) { ImagerCharts.note(svg('outcomes'), 'No round completed: there are no outcomes to plot.'); return; }
    var series = OUTCOMES.map(function (o) {
      return { key: o.key, label: o.label, color: o.color,
        points: rounds.map(function (r) { return [r.t, r[o.key] / roundSeconds]; }) };
    });
    chart('outcomes', function () {
      return { xLabel: X_LABEL, yLabel: 'requests/s', xMax: xMax, series: series, format: rps };
    }, series);
  }

  function probesChart() {
    if (!data.probes.length) { return; }
    document.querySelector('[data-section="probes"]').hidden = false;
    var items = [{ key: 'probes', label: 'probed rate', color: '#8c959f' }];
    var verdicts = [];
    data.probes.forEach(function (p) { if (verdicts.indexOf(p.verdict) < 0) { verdicts.push(p.verdict); } });
    verdicts.forEach(function (v) {
      items.push({ key: 'verdict-' + v, label: v, color: VERDICT_COLORS[v] || '#000', dot: true,
        selector: 'circle[data-verdict="' + CSS.escape(v) + '"]' });
    });
    var hlines = [];
    if (data.capacity) {
      hlines.push({ key: 'capacity', label: 'capacity ' + rps(data.capacity.rps) + ': ' + data.capacity.note,
        y: data.capacity.rps, color: '#0969da', dash: true });
      items.push({ key: 'capacity', label: 'capacity ' + rps(data.capacity.rps), color: '#0969da', dash: true });
    }
    chart('probes', function () {
      return {
        xLabel: X_LABEL, yLabel: 'probed rate, requests/s', xMax: xMax, format: rps, hlines: hlines,
        series: [{ key: 'probes', label: 'probed rate', color: '#8c959f', width: 1,
          points: data.probes.map(function (p) { return [p.t, p.rate]; }) }],
        markers: data.probes.map(function (p) {
          return { x: p.t, y: p.rate, color: VERDICT_COLORS[p.verdict] || '#000',
            attrs: { 'data-verdict': p.verdict, 'data-round': p.round },
            title: 'round ' + p.round + ' (' + p.phase + '): ' + rps(p.rate) + ', p99 ' + ms(p.p99Ms) + ', errors '
              + pct(p.errorRatio) + ', timeouts ' + pct(p.timeoutRatio) + ' → ' + p.verdict
              + (p.reason ? ': ' + p.reason : '') };
        })
      };
    }, items);
    var table = document.getElementById('probe-table');
    head(table, ['round', 't, s', 'rate', 'p99', 'errors', 'timeouts', 'verdict', 'phase', 'reason'], 6);
    data.probes.forEach(function (p) {
      row(table, [node('td', {}, String(p.round)), node('td', {}, p.t.toFixed(1)), node('td', {}, rps(p.rate)),
        node('td', {}, ms(p.p99Ms)), node('td', {}, pct(p.errorRatio)), node('td', {}, pct(p.timeoutRatio)),
        p.verdict, p.phase, p.reason]);
    });
  }

  function podCharts() {
    if (!data.pods.length) { return; }
    document.querySelector('[data-section="pods"]').hidden = false;
    if (!data.pods.some(function (p) { return p.points.length > 0; })) {
      ImagerCharts.note(svg('pod-cpu'), 'metrics-server returned no sample for the target pods.');
      ImagerCharts.note(svg('pod-memory'), 'metrics-server returned no sample for the target pods.');
      return;
    }
    function series(value) {
      return data.pods.map(function (p, i) {
        return { key: p.namespace + '/' + p.pod, label: p.namespace + '/' + p.pod, color: POD_COLORS[i % POD_COLORS.length],
          points: p.points.map(function (q) { return [q.t, value(q)]; }) };
      });
    }
    var cpu = series(function (q) { return q.cpuMillicores; });
    var memory = series(function (q) { return q.memoryBytes / 1048576; });
    chart('pod-cpu', function () {
      return { xLabel: X_LABEL, yLabel: 'CPU, millicores', xMax: xMax, series: cpu,
        format: function (v) { return count(v) + ' m'; } };
    }, cpu);
    chart('pod-memory', function () {
      return { xLabel: X_LABEL, yLabel: 'memory, MiB', xMax: xMax, series: memory,
        format: function (v) { return v.toFixed(1) + ' MiB'; } };
    }, memory);
  }

  function fillRounds() {
    var table = document.getElementById('round-table');
    var shown = options.tableRounds > 0 ? rounds.slice(-options.tableRounds) : rounds;
    document.querySelector('#rounds summary').textContent = 'Rounds ('
      + (shown.length < rounds.length ? 'the last ' + shown.length + ' of ' : '') + rounds.length + ')';
    head(table, ['round', 't, s', 'rate', 'planned', 'sent', 'ok', '4xx', '5xx', 'timeout', 'connect', 'other',
      'dropped', 'lost', 'p50', 'p99', 'service p99', 'send lag p99', 'not sent because'], 17);
    shown.forEach(function (r) {
      var lat = r.latencyMs.count ? [ms(r.latencyMs.p50), ms(r.latencyMs.p99)] : ['-', '-'];
      row(table, [String(r.round), r.t.toFixed(1), settings.model === 'closed' ? count(r.rate) + ' users' : rps(r.rate), count(r.planned), count(r.sent), count(r.ok),
        count(r.http4xx), count(r.http5xx), count(r.timeout), count(r.connectError), count(r.otherError),
        count(r.dropped), count(r.lost), lat[0], lat[1], r.serviceTimeMs.count ? ms(r.serviceTimeMs.p99) : '-',
        ms(r.sendLagP99Ms), r.notSentReason || ''].map(function (v, i) {
        return i === 17 ? node('td', { 'class': 'text' }, v) : node('td', {}, v);
      }));
    });
  }

  /**
   * Draws report-shaped data into the page. options.tableRounds > 0 lists only that many last rounds in the round
   * table (the live page, whose run may be long).
   */
  function render(reportData, renderOptions) {
    data = reportData;
    options = renderOptions || {};
    totals = data.totals;
    settings = data.settings;
    roundSeconds = settings.roundSeconds > 0 ? settings.roundSeconds : 1;
    rounds = data.rounds;
    xMax = Math.max(totals.durationSeconds, rounds.length ? rounds[rounds.length - 1].t + roundSeconds : 0,
      maxPodTime());
    fillHeader();
    fillSummary();
    fillResponses();
    fillThresholds();
    rateChart();
    latencyChart();
    outcomesChart();
    probesChart();
    podCharts();
    fillRounds();
    document.documentElement.setAttribute('data-rendered', 'true');
  }

  /** The data embedded in the page, as report.json. */
  function embedded() {
    return JSON.parse(document.getElementById('report-data').textContent);
  }

  return { render: render, embedded: embedded };
})();
