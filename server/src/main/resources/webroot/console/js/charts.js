// Charts drawn by Apache ECharts (served from its WebJar in the jar, no CDN) from the few hundred numbers
// the server aggregated. Each chart is an image with a title and a description for screen readers
// (role img, aria-label), labels in words and numbers on the marks, decal patterns as well as colours,
// tooltips, and its data as a table under "show as table": colour is never the only way to read it.
import * as echarts from '../vendor/echarts-5.3.1.esm.js';
import { h, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';

export const INK = '#1f2328';
export const MUTED = '#4b535c';
export const COLOURS = { green: '#1a7f37', yellow: '#bf8700', red: '#cf222e', blue: '#0b5cad' };
const FONT = 'system-ui, -apple-system, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

/** Patterns that tell the three tones apart without colour: plain, stripes, cross-hatch. */
export const DECALS = {
  green: { symbol: 'none' },
  yellow: { symbol: 'rect', symbolSize: 1, dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(0, 0, 0, 0.3)' },
  red: { symbol: 'rect', symbolSize: 0.9, dashArrayX: [[3, 3]], dashArrayY: [3, 3], rotation: 0, color: 'rgba(255, 255, 255, 0.45)' },
  blue: { symbol: 'none' },
};

const TONE = { 'fill-green': 'green', 'fill-yellow': 'yellow', 'fill-red': 'red' };

/**
 * A chart container: the chart is drawn once the container has a size (the page is built apart and
 * shown later), and follows the container's width afterwards.
 */
export function chartBox(option, description, height, onReady) {
  const el = h('div', { class: 'echart', role: 'img', 'aria-label': description, id: uid('chart') });
  el.style.height = `${height}px`;
  let chart = null;
  const observer = new ResizeObserver(() => {
    if (!el.isConnected || el.clientWidth === 0) return;
    if (!chart) {
      chart = echarts.init(el, null, { renderer: 'canvas' });
      chart.setOption({ textStyle: { fontFamily: FONT, color: INK, fontSize: 13 }, animation: false, ...option });
      // ECharts writes its own aria-label from the option; the page's description is the one to read.
      el.setAttribute('aria-label', description);
      el.dataset.drawn = 'true';
      if (onReady) onReady(chart);
    } else {
      chart.resize();
    }
  });
  observer.observe(el);
  return el;
}

function tooltip() {
  // richText: drawn on the canvas, so no markup is ever built from data (and no inline style is needed)
  return { trigger: 'item', renderMode: 'richText', textStyle: { fontSize: 13 } };
}

function dataTable(captionKey, headKeys, rows) {
  return h('details', { class: 'chart-data' }, h('summary', {}, t('chart.showTable')),
    h('table', {}, h('caption', {}, t(captionKey)),
      h('thead', {}, h('tr', {}, headKeys.map((k) => h('th', { scope: 'col' }, t(k))))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => h('td', {}, c)))))));
}

function legend(series) {
  return h('ul', { class: 'legend' }, series.map((s) =>
    h('li', {}, h('span', { class: `swatch ${s.cls}`, 'aria-hidden': 'true' }), t(s.labelKey))));
}

/** Stacked columns: one per category (a day), one stack segment per series (a colour). */
export function stackedColumns({ titleKey, categories, series, rows, categoryKey }) {
  const totals = rows.map((r) => series.reduce((sum, s) => sum + (r[s.key] || 0), 0));
  const desc = `${t(titleKey)}: ${t('chart.stackedDesc', { n: rows.length, total: formatNumber(totals.reduce((a, b) => a + b, 0)) })}`;
  const option = {
    grid: { left: 56, right: 16, top: 16, bottom: 36 },
    tooltip: { ...tooltip(), trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: categories, axisLabel: { fontSize: 12, color: MUTED } },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 12, color: MUTED, formatter: (v) => formatNumber(v) } },
    series: series.map((s) => {
      const tone = TONE[s.cls];
      return {
        name: t(s.labelKey), type: 'bar', stack: 'all', data: rows.map((r) => r[s.key] || 0),
        itemStyle: { color: COLOURS[tone], decal: DECALS[tone] }, barMaxWidth: 36,
      };
    }),
  };
  return h('figure', { class: 'chart-box' },
    chartBox(option, desc, 280), legend(series),
    dataTable(titleKey, [categoryKey, ...series.map((s) => s.labelKey)],
      rows.map((r, i) => [categories[i], ...series.map((s) => formatNumber(r[s.key] || 0))])));
}

/** Horizontal bars with the label beside each bar and its number (or text) at its end. */
export function bars({ titleKey, items }) {
  const desc = `${t(titleKey)}: ${items.map((it) => `${it.label} ${it.text || formatNumber(it.value)}`).join(t('common.listSeparator'))}`;
  const option = {
    grid: { left: 24, right: 120, top: 8, bottom: 8, containLabel: true },
    tooltip: { ...tooltip(), formatter: (p) => `${p.name}: ${items[p.dataIndex].text || formatNumber(p.value)}` },
    xAxis: { type: 'value', show: false, minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: items.map((it) => it.label),
      axisLabel: { fontSize: 14, color: INK }, axisTick: { show: false } },
    series: [{
      type: 'bar', barMaxWidth: 26,
      data: items.map((it) => ({ value: it.value, itemStyle: { color: COLOURS[TONE[it.cls]], decal: DECALS[TONE[it.cls]] } })),
      label: { show: true, position: 'right', fontSize: 14, color: INK,
        formatter: (p) => items[p.dataIndex].text || formatNumber(p.value) },
    }],
  };
  return h('figure', { class: 'chart-box' }, chartBox(option, desc, Math.max(1, items.length) * 40 + 24));
}

/** A grid of checkpoints by hour; darker cells saw more scans; the number in every cell that has one. */
export function heatmap({ titleKey, rowLabels, columnLabels, values }) {
  const total = values.flat().reduce((a, b) => a + b, 0);
  const max = Math.max(1, ...values.flat());
  const desc = `${t(titleKey)}: ${t('chart.heatDesc', { names: rowLabels.join(t('common.listSeparator')), columns: columnLabels.length,
    total: formatNumber(total) })}`;
  const data = [];
  rowLabels.forEach((row, i) => columnLabels.forEach((column, j) => data.push([j, i, values[i][j]])));
  const option = {
    grid: { left: 8, right: 16, top: 8, bottom: 64, containLabel: true },
    tooltip: { ...tooltip(), formatter: (p) => `${rowLabels[p.value[1]]} ${columnLabels[p.value[0]]}: ${formatNumber(p.value[2])}` },
    xAxis: { type: 'category', data: columnLabels, axisLabel: { fontSize: 12, color: MUTED, interval: columnLabels.length > 12 ? 2 : 0 } },
    yAxis: { type: 'category', data: rowLabels, axisLabel: { fontSize: 13, color: INK } },
    visualMap: { type: 'continuous', min: 0, max, orient: 'horizontal', left: 'center', bottom: 8, itemHeight: 160,
      calculable: false, text: [formatNumber(max), '0'], textStyle: { color: MUTED, fontSize: 12 },
      inRange: { color: ['#f0f3f6', '#c6dbef', '#6baed6', '#2171b5', '#08306b'] } },
    series: [{
      type: 'heatmap', data, itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      label: { show: columnLabels.length <= 24, fontSize: 12, formatter: (p) => (p.value[2] ? formatNumber(p.value[2]) : '') },
    }],
  };
  return h('figure', { class: 'chart-box' },
    chartBox(option, desc, Math.max(2, rowLabels.length) * 36 + 96),
    dataTable(titleKey, ['dashboard.checkpoint', 'dashboard.hour', 'dashboard.scans.count'],
      rowLabels.flatMap((label, i) => columnLabels.map((c, j) => [label, c, formatNumber(values[i][j])]).filter((r, j) => values[i][j] > 0))));
}

export { echarts };
