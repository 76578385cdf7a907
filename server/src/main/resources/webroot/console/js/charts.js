// Charts as inline SVG, drawn from a few hundred numbers the server aggregated. Each chart is an
// image with a title and a description for screen readers, a legend in words, and its data as a
// table under "show as table", so colour is never the only way to read it.
import { h, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';

const W = 640;

function frame(titleKey, descText, height, body) {
  const titleId = uid('ct');
  const descId = uid('cd');
  return h('svg:svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, class: 'chart' },
    h('svg:title', { id: titleId }, t(titleKey)),
    h('svg:desc', { id: descId }, descText),
    body);
}

function legend(series) {
  return h('ul', { class: 'legend' }, series.map((s) =>
    h('li', {}, h('span', { class: `swatch ${s.cls}`, 'aria-hidden': 'true' }), t(s.labelKey))));
}

function dataTable(captionKey, headKeys, rows) {
  return h('details', { class: 'chart-data' }, h('summary', {}, t('chart.showTable')),
    h('table', {}, h('caption', {}, t(captionKey)),
      h('thead', {}, h('tr', {}, headKeys.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

function niceMax(max) {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * magnitude >= max);
  return step * magnitude;
}

/** Stacked columns: one per category (a day), one stack segment per series (a colour). */
export function stackedColumns({ titleKey, categories, series, rows, categoryKey }) {
  const height = 260;
  const left = 56;
  const bottom = 40;
  const top = 12;
  const plotH = height - top - bottom;
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r[s.key] || 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const slot = (W - left - 8) / Math.max(1, rows.length);
  const barW = Math.max(4, slot * 0.7);
  const body = [];
  for (let i = 0; i <= 4; i++) {
    const y = top + plotH - (plotH * i) / 4;
    body.push(h('svg:line', { x1: left, x2: W - 4, y1: y, y2: y, class: 'grid' }));
    body.push(h('svg:text', { x: left - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, formatNumber((max * i) / 4)));
  }
  rows.forEach((r, i) => {
    let y = top + plotH;
    const x = left + i * slot + (slot - barW) / 2;
    series.forEach((s) => {
      const v = r[s.key] || 0;
      const bh = (plotH * v) / max;
      if (v > 0) {
        y -= bh;
        body.push(h('svg:rect', { x, y, width: barW, height: bh, class: s.cls },
          h('svg:title', {}, `${categories[i]} ${t(s.labelKey)}: ${formatNumber(v)}`)));
      }
    });
    if (rows.length <= 16 || i % Math.ceil(rows.length / 16) === 0) {
      body.push(h('svg:text', { x: x + barW / 2, y: height - bottom + 16, class: 'axis', 'text-anchor': 'middle' }, categories[i]));
    }
  });
  const desc = t('chart.stackedDesc', { n: rows.length, total: formatNumber(totals.reduce((a, b) => a + b, 0)) });
  return h('figure', { class: 'chart-box' },
    frame(titleKey, desc, height, body), legend(series),
    dataTable(titleKey, [categoryKey, ...series.map((s) => s.labelKey)],
      rows.map((r, i) => [categories[i], ...series.map((s) => formatNumber(r[s.key] || 0))])));
}

/** Horizontal bars with the label and the number written beside each bar. */
export function bars({ titleKey, items }) {
  const rowH = 34;
  const height = Math.max(1, items.length) * rowH + 8;
  const labelW = 170;
  const max = Math.max(1, ...items.map((it) => it.value));
  const body = items.map((it, i) => {
    const y = 4 + i * rowH;
    const w = ((W - labelW - 90) * it.value) / max;
    return h('svg:g', {},
      h('svg:text', { x: labelW - 8, y: y + 19, class: 'label', 'text-anchor': 'end' }, it.label),
      h('svg:rect', { x: labelW, y: y + 4, width: Math.max(it.value > 0 ? 2 : 0, w), height: rowH - 10, class: it.cls }),
      h('svg:text', { x: labelW + w + 6, y: y + 19, class: 'label' }, it.text || formatNumber(it.value)));
  });
  const desc = items.map((it) => `${it.label}: ${it.text || formatNumber(it.value)}`).join('; ');
  return h('figure', { class: 'chart-box' }, frame(titleKey, desc, height, body));
}

/** A grid of checkpoints by hour; darker cells saw more scans; numbers in every cell. */
export function heatmap({ titleKey, rowLabels, columnLabels, values }) {
  const left = 150;
  const top = 24;
  const cellW = (W - left - 4) / Math.max(1, columnLabels.length);
  const cellH = 26;
  const height = top + rowLabels.length * cellH + 8;
  const max = Math.max(1, ...values.flat());
  const body = [];
  columnLabels.forEach((label, j) => {
    if (columnLabels.length <= 12 || j % 3 === 0) {
      body.push(h('svg:text', { x: left + j * cellW + cellW / 2, y: 16, class: 'axis', 'text-anchor': 'middle' }, label));
    }
  });
  rowLabels.forEach((label, i) => {
    const y = top + i * cellH;
    body.push(h('svg:text', { x: left - 8, y: y + 17, class: 'label', 'text-anchor': 'end' }, label));
    columnLabels.forEach((column, j) => {
      const v = values[i][j];
      const level = v === 0 ? 0 : Math.min(4, 1 + Math.floor((4 * v) / (max + 1)));
      body.push(h('svg:rect', { x: left + j * cellW + 1, y: y + 1, width: cellW - 2, height: cellH - 2, class: `heat-${level}` },
        h('svg:title', {}, `${label} ${column}: ${formatNumber(v)}`)));
      if (v > 0 && cellW >= 18) {
        body.push(h('svg:text', { x: left + j * cellW + cellW / 2, y: y + 17, class: `cell-text heat-text-${level}`, 'text-anchor': 'middle' },
          formatNumber(v)));
      }
    });
  });
  const total = values.flat().reduce((a, b) => a + b, 0);
  const desc = t('chart.heatDesc', { rows: rowLabels.length, columns: columnLabels.length, total: formatNumber(total) });
  return h('figure', { class: 'chart-box' }, frame(titleKey, desc, height, body),
    dataTable(titleKey, ['dashboard.checkpoint', 'dashboard.hour', 'dashboard.scans.count'],
      rowLabels.flatMap((label, i) => columnLabels.map((c, j) => [label, c, formatNumber(values[i][j])]).filter((r, j) => values[i][j] > 0))));
}
