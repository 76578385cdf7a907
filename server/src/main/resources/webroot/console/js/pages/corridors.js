// Corridors: define one (its regions, pass model, validity), see its checkpoints and the enterprises
// admitted to it, and admit an enterprise so that it may apply for passes on it.
import { h } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { page, section, form, field, input, select, textarea, value, table, announce, rerender } from '../ui.js';
import { corridorName } from './applications.js';

export const MODELS = ['ONE_LETTER_ONE_CARD_ONE_PERMIT', 'TWO_COMMITMENTS_ONE_PERMIT', 'WORK_COMMUTE', 'FREIGHT_VEHICLE']
  .map((m) => [m, `model.${m}`]);

const codes = (text) => (text || '').split(/[\s,，、]+/).filter(Boolean);

export async function render(main) {
  const [corridors, enterprises] = await Promise.all([get('/corridors'), get('/admin/enterprises')]);
  const admittedTo = (c) => enterprises.filter((e) => e.corridors.includes(c.id));
  page(main, 'nav.corridors',
    h('p', {}, t('corridors.intro')),
    table('corridors.list', [
      ['corridors.name', (c) => [corridorName(c), ' ', h('span', { class: 'mono meta' }, c.id)]],
      ['corridors.regions', (c) => c.regions.join(t('common.listSeparator'))],
      ['corridors.model', (c) => t(`model.${c.model}`)],
      ['corridors.validity', (c) => t('corridors.days', { n: c.validityDays })],
      ['corridors.checkpoints', (c) => [
        c.checkpoints.length ? h('ul', { class: 'plain' }, c.checkpoints.map((id) =>
          h('li', {}, h('a', { href: `#/checkpoints?id=${encodeURIComponent(id)}` }, id)))) : t('corridors.noCheckpoints'),
        h('a', { href: `#/checkpoints?corridor=${encodeURIComponent(c.id)}`, class: 'add-link' }, t('corridors.addCheckpoint'),
          h('span', { class: 'sr-only' }, ` — ${corridorName(c)}`))]],
      ['corridors.enterprises', (c) => (admittedTo(c).length
        ? h('ul', { class: 'plain' }, admittedTo(c).map((e) => h('li', {}, e.name))) : t('corridors.noEnterprises'))],
    ], corridors, 'corridors.none'),
    h('details', { class: 'card', open: corridors.length === 0 }, h('summary', {}, t('corridors.define')), defineForm()),
    section('corridors.admit', corridors.length === 0 || enterprises.length === 0
      ? h('p', { class: 'empty' }, t(corridors.length === 0 ? 'corridors.admitNoCorridor' : 'corridors.admitNoEnterprise'))
      : admitForm(corridors, enterprises)),
    section('corridors.enterpriseList', table('corridors.enterpriseList', [
      ['corridors.enterprise', (e) => e.name],
      ['corridors.creditCode', (e) => h('span', { class: 'mono' }, e.creditCode)],
      ['corridors.admittedTo', (e) => (e.corridors.length ? e.corridors.map((id) => {
        const c = corridors.find((x) => x.id === id);
        return c ? corridorName(c) : id;
      }).join(t('common.listSeparator')) : t('corridors.notAdmitted'))],
      ['corridors.registeredAt', (e) => formatTime(e.registeredAt)],
    ], enterprises, 'corridors.noEnterpriseRegistered')));
}

function defineForm() {
  return form({ id: 'corridor-form' }, [
    field('corridors.id', input('id', { maxlength: 40, spellcheck: 'false' }), 'corridors.idHint'),
    field('corridors.nameZh', input('nameZh', { maxlength: 100 })),
    field('corridors.nameEn', input('nameEn', { maxlength: 100, lang: 'en' })),
    field('corridors.regions', input('regions', { maxlength: 80, inputmode: 'numeric' }), 'corridors.regionsHint'),
    field('corridors.model', select('model', MODELS), 'corridors.modelHint'),
    field('corridors.validity', input('validityDays', { type: 'number', min: 1, max: 366, value: '30' }), 'corridors.validityHint'),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const body = {
      id: value(el, 'id') || '', nameZh: value(el, 'nameZh') || '', nameEn: value(el, 'nameEn') || '',
      regions: codes(value(el, 'regions')), model: value(el, 'model'), validityDays: Number(value(el, 'validityDays') || 0),
    };
    if (value(el, 'reason')) body.reason = value(el, 'reason');
    const c = await post('/admin/corridors', body);
    announce(t('corridors.defined', { name: corridorName(c) }));
    rerender();
  }, 'corridors.defineSubmit');
}

function admitForm(corridors, enterprises) {
  return form({ class: 'card', id: 'admit-form' }, [
    field('corridors.corridor', h('select', { name: 'corridor' },
      corridors.map((c) => h('option', { value: c.id }, corridorName(c))))),
    field('corridors.enterprise', h('select', { name: 'creditCode' },
      enterprises.map((e) => h('option', { value: e.creditCode }, `${e.name} (${e.creditCode})`)))),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const body = { creditCode: value(el, 'creditCode') };
    if (value(el, 'reason')) body.reason = value(el, 'reason');
    const r = await post(`/admin/corridors/${encodeURIComponent(value(el, 'corridor'))}/enterprises`, body);
    const c = corridors.find((x) => x.id === r.corridorId);
    announce(t('corridors.admitted', { name: r.name, corridor: c ? corridorName(c) : r.corridorId }));
    rerender();
  }, 'corridors.admitSubmit', { corridorId: 'corridor' });
}
