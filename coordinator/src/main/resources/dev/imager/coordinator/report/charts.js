/*
 * imager report charts: small line charts drawn into inline SVG, with no library and no network.
 * draw(svg, spec) plots series of [x, y] points (y null = gap) on a shared time axis; every series is
 * one <path data-series="key">, every overlay point one <circle class="marker">.
 */
var ImagerCharts = (function () {
  'use strict';

  var WIDTH = 1200;
  var HEIGHT = 330;
  var MARGIN = { left: 78, right: 24, top: 14, bottom: 50 };
  var TICKS_X = 10;
  var TICKS_Y = 6;
  var HEADROOM = 1.05;

  function el(svg, name, attrs, parent) {
    var node = document.createElementNS(svg.namespaceURI, name);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null) {
        node.setAttribute(k, attrs[k]);
      }
    });
    (parent || svg).appendChild(node);
    return node;
  }

  function text(svg, x, y, content, attrs) {
    var node = el(svg, 'text', Object.assign({ x: x, y: y }, attrs || {}));
    node.textContent = content;
    return node;
  }

  /** A step of 1, 2 or 5 times a power of ten giving about `count` intervals over `span`. */
  function niceStep(span, count) {
    var raw = span / Math.max(1, count);
    var magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    var n = raw / magnitude;
    return (n <= 1 ? 1 : n <= 2 ? 2 : n <= 5 ? 5 : 10) * magnitude;
  }

  function linearTicks(max, count) {
    var step = niceStep(max, count);
    var ticks = [];
    for (var v = 0; v <= max * (1 + 1e-9); v += step) {
      ticks.push(Math.round(v / step) * step);
    }
    return ticks;
  }

  /** Compact tick text: 1.5k, 2M, 0.25. */
  function tickText(v) {
    var a = Math.abs(v);
    if (a >= 1e9) { return trimNumber(v / 1e9) + 'G'; }
    if (a >= 1e6) { return trimNumber(v / 1e6) + 'M'; }
    if (a >= 1e4) { return trimNumber(v / 1e3) + 'k'; }
    return trimNumber(v);
  }

  function trimNumber(v) {
    return String(parseFloat(v.toPrecision(4)));
  }

  function yScale(spec, values) {
    var top = HEIGHT - MARGIN.bottom;
    var bottom = MARGIN.top;
    var max = Math.max.apply(null, values.concat([0]));
    if (spec.log) {
      var positive = values.filter(function (v) { return v > 0; });
      var lo = Math.pow(10, Math.floor(Math.log10(positive.length ? Math.min.apply(null, positive) : 1)));
      var hi = Math.pow(10, Math.ceil(Math.log10(Math.max(max, lo * 10))));
      var span = Math.log10(hi) - Math.log10(lo);
      var ticks = [];
      for (var d = lo; d <= hi * 1.0001; d *= 10) { ticks.push(d); }
      return {
        ticks: ticks,
        at: function (v) { return v > 0 ? top - (Math.log10(v) - Math.log10(lo)) / span * (top - bottom) : null; }
      };
    }
    var ceiling = max > 0 ? max * HEADROOM : 1;
    var lin = linearTicks(ceiling, TICKS_Y);
    var last = lin[lin.length - 1];
    var yMax = last >= ceiling ? last : last + niceStep(ceiling, TICKS_Y);
    if (lin[lin.length - 1] < yMax) { lin.push(yMax); }
    return {
      ticks: lin,
      at: function (v) { return top - v / yMax * (top - bottom); }
    };
  }

  /** "M x y L x y ..." with a new "M" after every gap (null, or not drawable on the scale). */
  function pathData(points, x, y) {
    var d = [];
    var pen = false;
    points.forEach(function (p) {
      var py = p[1] === null || p[1] === undefined ? null : y.at(p[1]);
      if (py === null) {
        pen = false;
        return;
      }
      d.push((pen ? 'L' : 'M') + x(p[0]).toFixed(1) + ' ' + py.toFixed(1));
      pen = true;
    });
    return d.join(' ');
  }

  function axes(svg, spec, x, y) {
    var left = MARGIN.left;
    var right = WIDTH - MARGIN.right;
    var top = MARGIN.top;
    var bottom = HEIGHT - MARGIN.bottom;
    var g = el(svg, 'g', { 'class': 'axes' });
    y.ticks.forEach(function (v) {
      var py = y.at(v);
      el(svg, 'line', { 'class': 'grid', x1: left, x2: right, y1: py, y2: py }, g);
      text(svg, left - 8, py + 4, tickText(v), { 'text-anchor': 'end' });
    });
    linearTicks(spec.xMax, TICKS_X).forEach(function (v) {
      var px = x(v);
      el(svg, 'line', { 'class': 'grid', x1: px, x2: px, y1: top, y2: bottom }, g);
      text(svg, px, bottom + 18, tickText(v), { 'text-anchor': 'middle' });
    });
    el(svg, 'line', { 'class': 'axis', x1: left, x2: right, y1: bottom, y2: bottom }, g);
    el(svg, 'line', { 'class': 'axis', x1: left, x2: left, y1: top, y2: bottom }, g);
    text(svg, (left + right) / 2, HEIGHT - 8, spec.xLabel, { 'class': 'axis-label', 'text-anchor': 'middle' });
    text(svg, 16, (top + bottom) / 2, spec.yLabel + (spec.log ? ' (log scale)' : ''), {
      'class': 'axis-label', 'text-anchor': 'middle', transform: 'rotate(-90 16 ' + (top + bottom) / 2 + ')'
    });
  }

  /**
   * Draws a chart. spec: { xLabel, yLabel, xMax, log, series: [{ key, label, color, dash, points }],
   * hlines: [{ key, label, y, color, dash }], markers: [{ x, y, color, title, attrs }] }.
   */
  function draw(svg, spec) {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    svg.setAttribute('viewBox', '0 0 ' + WIDTH + ' ' + HEIGHT);
    var hlines = spec.hlines || [];
    var markers = spec.markers || [];
    var values = [];
    spec.series.forEach(function (s) {
      s.points.forEach(function (p) { if (p[1] !== null && p[1] !== undefined) { values.push(p[1]); } });
    });
    hlines.forEach(function (h) { values.push(h.y); });
    markers.forEach(function (m) { values.push(m.y); });
    var xMax = spec.xMax > 0 ? spec.xMax : 1;
    var x = function (v) { return MARGIN.left + v / xMax * (WIDTH - MARGIN.left - MARGIN.right); };
    var y = yScale(spec, values);
    axes(svg, Object.assign({}, spec, { xMax: xMax }), x, y);
    spec.series.forEach(function (s) {
      var path = el(svg, 'path', {
        'class': 'series', 'data-series': s.key, d: pathData(s.points, x, y), stroke: s.color,
        'stroke-dasharray': s.dash ? '7 5' : null, 'stroke-width': s.width || null
      });
      el(svg, 'title', {}, path).textContent = s.label;
    });
    hlines.forEach(function (h) {
      var py = y.at(h.y);
      var line = el(svg, 'path', {
        'class': 'series', 'data-series': h.key, stroke: h.color, 'stroke-dasharray': h.dash ? '7 5' : null,
        d: py === null ? '' : 'M' + x(0).toFixed(1) + ' ' + py.toFixed(1) + ' L' + x(xMax).toFixed(1) + ' ' + py.toFixed(1)
      });
      el(svg, 'title', {}, line).textContent = h.label;
    });
    markers.forEach(function (m) {
      var py = y.at(m.y);
      if (py === null) { return; }
      var dot = el(svg, 'circle', Object.assign({
        'class': 'marker', cx: x(m.x).toFixed(1), cy: py.toFixed(1), r: 6, fill: m.color, stroke: '#fff'
      }, m.attrs || {}));
      el(svg, 'title', {}, dot).textContent = m.title;
    });
    hover(svg, spec, x);
  }

  /** A vertical cursor and a box with every visible series' value at the nearest point. */
  function hover(svg, spec, x) {
    var tip = document.getElementById('tip');
    var cursor = el(svg, 'line', { 'class': 'cursor', y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom, visibility: 'hidden' });
    var xs = [];
    spec.series.forEach(function (s) { s.points.forEach(function (p) { xs.push(p[0]); }); });
    xs = xs.sort(function (a, b) { return a - b; });
    svg.onmouseleave = function () { tip.hidden = true; cursor.setAttribute('visibility', 'hidden'); };
    svg.onmousemove = function (event) {
      if (!xs.length) { return; }
      var box = svg.getBoundingClientRect();
      var sx = (event.clientX - box.left) * WIDTH / box.width;
      var best = xs.reduce(function (b, v) { return Math.abs(x(v) - sx) < Math.abs(x(b) - sx) ? v : b; }, xs[0]);
      cursor.setAttribute('x1', x(best));
      cursor.setAttribute('x2', x(best));
      cursor.setAttribute('visibility', 'visible');
      while (tip.firstChild) { tip.removeChild(tip.firstChild); }
      var head = document.createElement('div');
      head.textContent = spec.xLabel.replace(/,.*$/, '') + ' ' + trimNumber(best) + ' s';
      tip.appendChild(head);
      spec.series.forEach(function (s) {
        var path = svg.querySelector('path[data-series="' + CSS.escape(s.key) + '"]');
        var point = s.points.filter(function (p) { return p[0] === best; })[0];
        if (!point || point[1] === null || (path && path.classList.contains('off'))) { return; }
        var row = document.createElement('div');
        var swatch = document.createElement('b');
        swatch.style.background = s.color;
        row.appendChild(swatch);
        row.appendChild(document.createTextNode(s.label + ': ' + (spec.format || trimNumber)(point[1])));
        tip.appendChild(row);
      });
      tip.hidden = false;
      tip.style.left = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8) + 'px';
      tip.style.top = (event.clientY + 14) + 'px';
    };
  }

  /** Fills a legend; clicking an item shows or hides the chart elements carrying its key. */
  function legend(ul, svg, items) {
    while (ul.firstChild) { ul.removeChild(ul.firstChild); }
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.setAttribute('data-legend', item.key);
      var swatch = document.createElement('span');
      swatch.className = 'swatch' + (item.dash ? ' dashed' : '') + (item.dot ? ' dot' : '');
      swatch.style.borderColor = item.color;
      if (item.dot) { swatch.style.background = item.color; }
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(item.label));
      li.onclick = function () {
        var off = li.classList.toggle('off');
        svg.querySelectorAll(item.selector || '[data-series="' + CSS.escape(item.key) + '"]').forEach(function (n) {
          n.classList.toggle('off', off);
        });
      };
      ul.appendChild(li);
    });
  }

  /** Replaces a chart and its legend by a visible note. */
  function note(svg, message) {
    var p = document.createElement('p');
    p.className = 'empty-note';
    p.setAttribute('data-empty-chart', svg.getAttribute('data-chart'));
    p.textContent = message;
    svg.parentNode.insertBefore(p, svg);
    var ul = svg.parentNode.querySelector('ul.legend[data-legend-for="' + svg.getAttribute('data-chart') + '"]');
    if (ul) { ul.parentNode.removeChild(ul); }
    svg.parentNode.removeChild(svg);
  }

  function svgNamed(name) { return document.querySelector('svg[data-chart="' + name + '"]'); }

  /**
   * Draws the page's chart `name` (its svg[data-chart], ul[data-legend-for] and optional
   * input[data-log-for]) from build(), redrawing on its log-scale switch and keeping hidden series hidden.
   */
  function chart(name, build, items) {
    var target = svgNamed(name);
    var ul = document.querySelector('ul[data-legend-for="' + name + '"]');
    var toggle = document.querySelector('input[data-log-for="' + name + '"]');
    function render() {
      var spec = build();
      spec.log = !!(toggle && toggle.checked);
      draw(target, spec);
      ul.querySelectorAll('li.off').forEach(function (li) {
        var item = items.filter(function (i) { return i.key === li.getAttribute('data-legend'); })[0];
        target.querySelectorAll(item.selector || '[data-series="' + CSS.escape(item.key) + '"]')
          .forEach(function (n) { n.classList.add('off'); });
      });
    }
    if (toggle) { toggle.onchange = render; }
    legend(ul, target, items);
    render();
  }

  return { draw: draw, legend: legend, note: note, chart: chart, svg: svgNamed };
})();
