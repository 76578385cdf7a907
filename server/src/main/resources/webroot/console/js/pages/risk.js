// 一图: every county with its risk level in words and colour; select one to change it (with a
// reason and an effective time) and to see its history.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, put } from '../api.js';
import { page, section, form, field, select, textarea, input, instant, value, table, levelBadge, announce } from '../ui.js';

const LEVELS = [['LOW', 'level.LOW'], ['MEDIUM', 'level.MEDIUM'], ['HIGH', 'level.HIGH']];

export async function render(main, params) {
  const counties = await get('/counties');
  const panel = h('div', { id: 'county-panel' });
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
    h('p', {}, t('risk.intro')),
    h('p', { class: 'legend-line' }, LEVELS.map(([l]) => [levelBadge(l), ' ']), h('span', { class: 'meta' }, counts)),
    tiles,
    panel);

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
