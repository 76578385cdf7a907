// 一图: the region's counties on a geographic map (ECharts over vendored GeoJSON), each with its risk
// level in words, colour and pattern; the same counties as a list of buttons (the keyboard's and screen
// reader's way in); select one to change its level (with a reason and an effective time) and see its history.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, put } from '../api.js';
import { page, section, form, field, select, textarea, input, instant, value, table, levelBadge, announce } from '../ui.js';
import { chartBox, echarts, COLOURS, DECALS, INK } from '../charts.js';

const LEVELS = [['LOW', 'level.LOW'], ['MEDIUM', 'level.MEDIUM'], ['HIGH', 'level.HIGH']];

const TONES = { LOW: 'green', MEDIUM: 'yellow', HIGH: 'red' };
const RANK = { LOW: 0, MEDIUM: 1, HIGH: 2 };

/** The region's county boundaries, fetched once a session; null where the server has none (404). */
let boundaries;
async function countyMap() {
  if (boundaries === undefined) {
    boundaries = await get('/counties/map').catch((e) => {
      if (e.status === 404) return null;
      throw e;
    });
    if (boundaries) echarts.registerMap('region', boundaries);
  }
  return boundaries;
}

/**
 * 一图 as a geographic map: every county coloured by its level, with its name and level in words on
 * it and a pattern (plain, stripes, cross-hatch) besides the colour; a click opens the county.
 */
function riskMap(counties, selected) {
  const described = counties.map((c) => `${c.name} ${t(`level.${c.riskLevel}`)}`).join(t('common.listSeparator'));
  const option = {
    tooltip: { trigger: 'item', renderMode: 'richText', textStyle: { fontSize: 13 },
      formatter: (p) => (p.data ? `${p.name}: ${t(`level.${p.data.level}`)}` : p.name) },
    series: [{
      type: 'map', map: 'region', roam: false, selectedMode: false, aspectScale: 0.85, layoutCenter: ['50%', '50%'], layoutSize: '96%',
      // every county is named; a risky one also says its level, and is listed first so that where the
      // small central districts crowd, it is the low-risk names that give way
      label: { show: true, fontSize: 12, color: INK, backgroundColor: 'rgba(255, 255, 255, 0.85)', padding: [1, 3], borderRadius: 2,
        formatter: (p) => (p.data && p.data.level !== 'LOW' ? `${p.name}\n${t(`level.${p.data.level}`)}` : p.name) },
      labelLayout: { hideOverlap: true },
      emphasis: { label: { show: true }, itemStyle: { areaColor: COLOURS.blue } },
      itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
      data: [...counties].sort((a, b) => RANK[b.riskLevel] - RANK[a.riskLevel]).map((c) => ({
        name: c.name, level: c.riskLevel, code: c.code,
        label: c.riskLevel === 'LOW' ? {} : { fontWeight: 'bold', fontSize: 13 },
        itemStyle: { areaColor: COLOURS[TONES[c.riskLevel]], decal: DECALS[TONES[c.riskLevel]],
          borderColor: c.code === selected ? INK : '#ffffff', borderWidth: c.code === selected ? 3 : 1 },
      })),
    }],
  };
  return chartBox(option, t('risk.mapDescription', { counties: described }), 560, (chart) => {
    chart.on('click', (p) => {
      if (p.data && p.data.code) location.hash = `#/risk?county=${p.data.code}`;
    });
  });
}

export async function render(main, params) {
  const [counties, map] = await Promise.all([get('/counties'), countyMap()]);
  const panel = h('div', { id: 'county-panel' }, h('p', { class: 'card meta' }, t('risk.choose')));
  const selected = params.get('county');

  const tiles = h('ul', { class: 'tiles', 'aria-label': t('risk.map') }, counties.map((c) =>
    h('li', {}, h('button', {
      type: 'button',
      class: `tile level-${c.riskLevel.toLowerCase()}`,
      'aria-pressed': c.code === selected ? 'true' : 'false',
      'data-county': c.code,
      onclick: () => { location.hash = `#/risk?county=${c.code}`; },
    }, h('span', { class: 'tile-name' }, c.name), h('span', { class: 'tile-code' }, c.code),
    h('span', { class: 'tile-level' }, t(`level.${c.riskLevel}`))))));

  const counts = LEVELS.map(([l]) => `${t(`level.${l}`)} ${counties.filter((c) => c.riskLevel === l).length}`).join(' · ');
  page(main, 'nav.risk',
    h('p', {}, t(map ? 'risk.introMap' : 'risk.intro')),
    h('p', { class: 'legend-line' }, LEVELS.map(([l]) => [levelBadge(l), ' ']), h('span', { class: 'meta' }, counts),
      map ? h('span', { class: 'meta' }, ' ', t('risk.patterns')) : null),
    map ? h('div', { class: 'risk-layout' }, h('figure', { class: 'chart-box risk-map', id: 'risk-map' }, riskMap(counties, selected)),
      panel) : panel,
    section('risk.list', h('p', { class: 'meta' }, t('risk.listHint')), tiles));

  const county = counties.find((c) => c.code === selected);
  if (county) await renderCounty(panel, county);
}

async function renderCounty(panel, county) {
  const history = await get(`/admin/counties/${county.code}/risk-levels`);
  clear(panel);
  panel.append(section('risk.county',
    h('p', { class: 'county-now' }, `${county.name} (${county.code}) `, levelBadge(county.riskLevel),
      county.effectiveFrom ? ` ${t('risk.since', { at: formatTime(county.effectiveFrom) })}` : ''),
    form({ class: 'card', id: 'risk-form' }, [
      field('risk.level', select('level', LEVELS, { value: county.riskLevel })),
      field('risk.effectiveFrom', input('effectiveFrom', { type: 'datetime-local' }), 'risk.effectiveHint'),
      field('common.reason', textarea('reason', { required: true })),
    ], async (el) => {
      const result = await put(`/admin/counties/${county.code}/risk-level`, {
        level: value(el, 'level'), effectiveFrom: instant(el, 'effectiveFrom'), reason: value(el, 'reason') || '',
      });
      announce(t('risk.saved', { name: county.name, level: t(`level.${result.level}`), n: result.coloursChanged }));
      location.hash = `#/risk?county=${county.code}&saved=${Date.now()}`;
    }, 'risk.save'),
    table('risk.history', [
      ['risk.level', (r) => levelBadge(r.level)],
      ['risk.effectiveFrom', (r) => formatTime(r.effectiveFrom)],
      ['common.reason', (r) => r.reason],
      ['risk.setAt', (r) => formatTime(r.setAt)],
      ['risk.setBy', (r) => r.setBy || '—'],
    ], history, 'risk.noHistory')));
  const select0 = panel.querySelector('select[name=level]');
  select0.value = county.riskLevel;
}
