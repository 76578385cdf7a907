// 一指数: the control index, from one aggregate call (GET /admin/dashboard), charted with ECharts.
import { h } from '../dom.js';
import { t, formatAge, language } from '../i18n.js';
import { get } from '../api.js';
import { page, section } from '../ui.js';
import { stackedColumns, bars, heatmap } from '../charts.js';

const COLOURS = [
  { key: 'GREEN', labelKey: 'colour.GREEN', cls: 'fill-green' },
  { key: 'YELLOW', labelKey: 'colour.YELLOW', cls: 'fill-yellow' },
  { key: 'RED', labelKey: 'colour.RED', cls: 'fill-red' },
];

/** Older than this, a device's or partner's data is stale (docs/checkpoints.md: policies allow an hour by default). */
const STALE_SECONDS = 3600;

function hourLabel(iso) {
  return new Intl.DateTimeFormat(language(), { hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}

function dayLabel(day) {
  return day.slice(5);
}

function freshnessItems(entries, labelOf, ageOf) {
  return entries.map((e) => {
    const age = ageOf(e);
    const stale = age === null || age === undefined || age > STALE_SECONDS;
    return {
      label: labelOf(e),
      value: age === null || age === undefined ? 0 : Math.round(age / 60),
      cls: stale ? 'fill-red' : 'fill-green',
      text: `${formatAge(age)} · ${t(stale ? 'dashboard.stale' : 'dashboard.fresh')}`,
    };
  });
}

export async function render(main) {
  const d = await get('/admin/dashboard?days=14&hours=24');
  const hours = [];
  const start = new Date(d.generatedAt);
  start.setUTCMinutes(0, 0, 0);
  for (let i = d.hours - 1; i >= 0; i--) hours.push(new Date(start.getTime() - i * 3600000).toISOString());
  const checkpoints = [...new Set(d.scansByHour.map((s) => s.checkpointId))].sort();
  const values = checkpoints.map((c) => hours.map((hour) => {
    const cell = d.scansByHour.find((s) => s.checkpointId === c && new Date(s.hour).getTime() === new Date(hour).getTime());
    return cell ? cell.count : 0;
  }));

  page(main, 'dashboard.title',
    h('p', {}, t('dashboard.intro'), ' ', h('span', { class: 'meta' },
      t('dashboard.generated', { at: new Date(d.generatedAt).toLocaleString(language()) }))),
    h('div', { class: 'grid2' },
      section('dashboard.coloursNow', bars({
        titleKey: 'dashboard.coloursNow',
        items: COLOURS.map((c) => ({ label: t(c.labelKey), value: d.coloursNow[c.key] || 0, cls: c.cls })),
      })),
      section('dashboard.passes', bars({
        titleKey: 'dashboard.passes',
        items: [['VALID', 'fill-green'], ['SUSPENDED', 'fill-yellow'], ['REVOKED', 'fill-red']]
          .map(([state, cls]) => ({ label: t(`passState.${state}`), value: d.passesByState[state] || 0, cls })),
      })),
      section('dashboard.applications', bars({
        titleKey: 'dashboard.applications',
        items: [['SUBMITTED', 'fill-yellow'], ['APPROVED', 'fill-green'], ['REJECTED', 'fill-red']]
          .map(([state, cls]) => ({ label: t(`applicationState.${state}`), value: (d.applicationsByState || {})[state] || 0, cls })),
      })),
      // Residents without a smartphone (docs/no-smartphone.md): paper cards in force, and ID-number checks.
      section('dashboard.paperCards', bars({
        titleKey: 'dashboard.paperCards',
        items: [['VALID', 'fill-green'], ['SUSPENDED', 'fill-yellow']]
          .map(([status, cls]) => ({ label: t(`dashboard.paperCard.${status}`), value: (d.paperCardsByStatus || {})[status] || 0, cls })),
      })),
      section('dashboard.idChecks', bars({
        titleKey: 'dashboard.idChecks',
        items: [['FOUND', 'fill-green'], ['NOT_REGISTERED', 'fill-yellow'], ['PARTNER_UNAVAILABLE', 'fill-red']]
          .map(([result, cls]) => ({ label: t(`dashboard.idCheck.${result}`), value: (d.idChecksByResult || {})[result] || 0, cls })),
      }))),
    section('dashboard.codesByDay', stackedColumns({
      titleKey: 'dashboard.codesByDay',
      categoryKey: 'dashboard.day',
      categories: d.codesByDay.map((r) => dayLabel(r.day)),
      series: COLOURS,
      rows: d.codesByDay,
    })),
    section('dashboard.scans', checkpoints.length === 0 ? h('p', { class: 'empty' }, t('dashboard.noScans')) : heatmap({
      titleKey: 'dashboard.scans',
      rowLabels: checkpoints,
      columnLabels: hours.map(hourLabel),
      values,
    })),
    h('div', { class: 'grid2' },
      section('dashboard.verdicts', bars({
        titleKey: 'dashboard.verdicts',
        items: [['PASS', 'fill-green', '✓'], ['REVIEW', 'fill-yellow', '?'], ['STOP', 'fill-red', '✕']]
          .map(([v, cls, icon]) => ({ label: `${icon} ${t(`verdict.${v}`)}`, value: d.verdicts[v] || 0, cls })),
      })),
      section('dashboard.freshness',
        d.deviceSync.length === 0 ? h('p', { class: 'empty' }, t('dashboard.noDevices')) : bars({
          titleKey: 'dashboard.deviceFreshness',
          items: freshnessItems(d.deviceSync, (x) => x.label || x.deviceId.slice(0, 8), (x) => x.syncAgeSeconds),
        }),
        d.partnerFreshness.length === 0 ? h('p', { class: 'empty' }, t('dashboard.noPartners')) : bars({
          titleKey: 'dashboard.partnerFreshness',
          items: freshnessItems(d.partnerFreshness, (x) => `${x.name} (${x.regionCode})`, (x) => x.oldestDocumentAgeSeconds),
        }))));
}
