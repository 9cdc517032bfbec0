/*
 * imager compare page: the comparison table and both runs' charts overlaid on one time axis, from the embedded
 * JSON ({comparison, a, b}: the comparison and the two report.json documents). Run A is drawn in blues with solid
 * lines, run B in oranges with dashed ones. Every row of the table carries data-metric, data-beyond-noise and
 * data-direction; every value cell data-metric and data-value, as on the report page.
 */
(function () {
  'use strict';

  var P = ImagerPage;
  var data = JSON.parse(document.getElementById('compare-data').textContent);
  var c = data.comparison;
  var RUNS = [
    { key: 'a', name: 'A', report: data.a, info: c.a, dash: false, colors: ['#57606a', '#0969da', '#2b8cbe', '#08519c'] },
    { key: 'b', name: 'B', report: data.b, info: c.b, dash: true, colors: ['#9a6700', '#e6550d', '#fd8d3c', '#a63603'] }
  ];
  var X_LABEL = 'time since start, s';

  function roundSeconds(report) { return report.settings.roundSeconds > 0 ? report.settings.roundSeconds : 1; }
  var xMax = Math.max.apply(null, RUNS.map(function (run) {
    var rounds = run.report.rounds;
    return Math.max(run.report.totals.durationSeconds,
      rounds.length ? rounds[rounds.length - 1].t + roundSeconds(run.report) : 0);
  }));

  function value(row, v) {
    if (v === null || v === undefined) { return '-'; }
    if (row.kind === 'LATENCY') { return P.ms(v); }
    if (row.kind === 'FRACTION') { return P.pct(v); }
    return P.rps(v);
  }

  function signed(v, decimals, unit) {
    var text = (v >= 0 ? '+' : '') + v.toFixed(decimals);
    return (/^[+-]0\.0+$/.test(text) ? text.substring(1) : text) + ' ' + unit;
  }

  function change(row) {
    if (row.delta === null) { return '-'; }
    if (row.kind === 'FRACTION') { return signed(row.delta * 100, 2, 'pp'); }
    return row.relative === null ? 'from 0' : signed(row.relative * 100, 1, '%');
  }

  function noise(row) {
    if (row.metric === 'capacity') { return row.beyondNoise === null ? '?' : 'brackets'; }
    if (row.noise === null) { return '?'; }
    return row.kind === 'FRACTION' ? (row.noise * 100).toFixed(2) + ' pp' : value(row, row.noise);
  }

  function header() {
    var meta = document.getElementById('compare-meta');
    RUNS.forEach(function (run) {
      meta.appendChild(P.node('dt', {}, run.name));
      meta.appendChild(P.node('dd', { 'data-field': 'run-' + run.key }, run.info.runId + ', ' + run.info.startedAt
        + ', ' + P.seconds(run.info.durationSeconds) + ' (' + P.count(run.info.rounds) + ' rounds), '
        + run.info.source));
    });
    var differences = document.getElementById('setting-differences');
    c.settingDifferences.forEach(function (d) { differences.appendChild(P.node('li', {}, 'settings differ: ' + d)); });
  }

  function table() {
    var t = document.getElementById('comparison-table');
    P.head(t, ['metric', 'A', 'B', 'change', 'noise ±', '', 'noise bound from'], 5);
    c.metrics.forEach(function (row) {
      var direction = P.node('td', { 'class': 'text' });
      if (row.direction === 'worse' || row.direction === 'better') {
        direction.appendChild(P.node('span', { 'class': 'badge ' + (row.direction === 'worse' ? 'fail' : 'pass') },
          row.direction));
      } else {
        direction.textContent = row.direction;
      }
      var tr = P.row(t, [P.node('th', {}, row.label),
        P.cell(row.metric + '-a', row.a === null ? '' : row.a, value(row, row.a)),
        P.cell(row.metric + '-b', row.b === null ? '' : row.b, value(row, row.b)),
        P.cell(row.metric + '-change', row.delta === null ? '' : row.delta, change(row)),
        P.node('td', {}, noise(row)), direction, P.node('td', { 'class': 'text' }, row.noiseNote)]);
      tr.setAttribute('data-metric', row.metric);
      tr.setAttribute('data-beyond-noise', row.beyondNoise === null ? 'unknown' : String(row.beyondNoise));
      tr.setAttribute('data-direction', row.direction);
    });
  }

  function series(key, label, color, dash, points) {
    return { key: key, label: label, color: color, dash: dash, points: points };
  }

  function rateChart() {
    var all = [];
    RUNS.forEach(function (run) {
      var seconds = roundSeconds(run.report);
      all.push(series(run.key + '-planned', run.name + ' planned', run.colors[0], true,
        run.report.rounds.map(function (r) { return [r.t, r.rate]; })));
      all.push(series(run.key + '-achieved', run.name + ' achieved', run.colors[1], run.dash,
        run.report.rounds.map(function (r) { return [r.t, r.sent / seconds]; })));
    });
    ImagerCharts.chart('rate', function () {
      return { xLabel: X_LABEL, yLabel: 'requests/s', xMax: xMax, series: all, format: P.rps };
    }, all);
  }

  function latencyChart() {
    var all = [];
    RUNS.forEach(function (run) {
      ['p50', 'p99'].forEach(function (k, i) {
        all.push(series(run.key + '-' + k, run.name + ' ' + k, run.colors[2 + i], run.dash,
          run.report.rounds.map(function (r) { return [r.t, r.latencyMs.count > 0 ? r.latencyMs[k] : null]; })));
      });
    });
    ImagerCharts.chart('latency', function () {
      return { xLabel: X_LABEL, yLabel: 'corrected latency, ms', xMax: xMax, series: all, format: P.ms };
    }, all);
  }

  function failuresChart() {
    var all = [];
    RUNS.forEach(function (run) {
      var seconds = roundSeconds(run.report);
      all.push(series(run.key + '-failed', run.name + ' failed', run.colors[1], run.dash,
        run.report.rounds.map(function (r) {
          return [r.t, (r.http4xx + r.http5xx + r.timeout + r.connectError + r.otherError) / seconds];
        })));
      all.push(series(run.key + '-unsent', run.name + ' dropped + lost', run.colors[0], run.dash,
        run.report.rounds.map(function (r) { return [r.t, (r.dropped + r.lost) / seconds]; })));
    });
    ImagerCharts.chart('failures', function () {
      return { xLabel: X_LABEL, yLabel: 'requests/s', xMax: xMax, series: all, format: P.rps };
    }, all);
  }

  function probesChart() {
    if (!data.a.probes.length && !data.b.probes.length) { return; }
    document.querySelector('[data-section="probes"]').hidden = false;
    var lines = [];
    var hlines = [];
    var markers = [];
    var items = [];
    RUNS.forEach(function (run) {
      var probes = run.report.probes;
      lines.push(series(run.key + '-probes', run.name + ' probed rate', run.colors[0], run.dash,
        probes.map(function (p) { return [p.t, p.rate]; })));
      items.push(lines[lines.length - 1]);
      probes.forEach(function (p) {
        markers.push({ x: p.t, y: p.rate, color: p.verdict === 'FAIL' ? '#cf222e' : run.colors[1],
          attrs: { 'data-run': run.key, 'data-verdict': p.verdict },
          title: run.name + ' round ' + p.round + ': ' + P.rps(p.rate) + ' ' + p.verdict + (p.reason ? ': ' + p.reason : '') });
      });
      items.push({ key: run.key + '-dots', label: run.name + ' probes (red: failed)', color: run.colors[1], dot: true,
        selector: 'circle[data-run="' + run.key + '"]' });
      if (run.report.capacity) {
        hlines.push({ key: run.key + '-capacity', label: run.name + ' capacity ' + P.rps(run.report.capacity.rps),
          y: run.report.capacity.rps, color: run.colors[3], dash: true });
        items.push(hlines[hlines.length - 1]);
      }
    });
    ImagerCharts.chart('probes', function () {
      return { xLabel: X_LABEL, yLabel: 'probed rate, requests/s', xMax: xMax, format: P.rps, series: lines,
        hlines: hlines, markers: markers };
    }, items);
  }

  header();
  table();
  rateChart();
  latencyChart();
  failuresChart();
  probesChart();
  document.documentElement.setAttribute('data-rendered', 'true');
})();
