/*
 * imager pages: number formatting and DOM helpers shared by the report, the live page and the comparison page.
 * Fixed, locale-free rules, so a page reads the same everywhere; text goes into the page only as textContent.
 */
var ImagerPage = (function () {
  'use strict';

  function count(n) { return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function ms(v) { return (v >= 100 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3)) + ' ms'; }
  function rps(v) { return v.toFixed(1) + ' rps'; }
  function pct(fraction) { return (fraction * 100).toFixed(2) + ' %'; }
  function mib(bytes) { return (bytes / 1048576).toFixed(1) + ' MiB'; }
  function seconds(v) { return v.toFixed(1) + ' s'; }

  function node(tag, attrs, content) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (content !== undefined && content !== null) { e.textContent = content; }
    return e;
  }

  /** A value cell: data-metric names it, data-value holds the raw number, the text is the formatted one. */
  function cell(metric, value, display) {
    return node('td', { 'data-metric': metric, 'data-value': String(value) }, display);
  }

  /** Appends a row; string cells hold text and align left. */
  function row(table, cells) {
    var tr = node('tr');
    cells.forEach(function (c) { tr.appendChild(typeof c === 'string' ? node('td', { 'class': 'text' }, c) : c); });
    table.appendChild(tr);
    return tr;
  }

  /** A header row; columns from index textFrom on hold text and align left. */
  function head(table, labels, textFrom) {
    var thead = node('thead');
    var tr = node('tr');
    labels.forEach(function (l, i) { tr.appendChild(node('th', i >= textFrom ? { 'class': 'text' } : {}, l)); });
    thead.appendChild(tr);
    table.appendChild(thead);
  }

  function clear(element) {
    while (element.firstChild) { element.removeChild(element.firstChild); }
  }

  return { count: count, ms: ms, rps: rps, pct: pct, mib: mib, seconds: seconds, node: node, cell: cell, row: row,
    head: head, clear: clear };
})();
