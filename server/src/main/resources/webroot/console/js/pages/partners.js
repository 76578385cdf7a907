// Partners: introduce with a scope, amend the scope or address, suspend or resume, fetch now; the age of each partner's trust
// bundle (its keys) and status lists. Notices and bulletins to and from them are on the notices page.
import { h, clear } from '../dom.js';
import { t, formatAge, language } from '../i18n.js';
import { get, post, put, patch } from '../api.js';
import { page, form, field, input, textarea, checks, checkedValues, value, table, announce, stateBadge, reasonAction } from '../ui.js';

const KINDS = ['HEALTH_CODE', 'COMMUTER_PASS', 'CLOSE_CONTACT_NOTICE', 'RELEASE_NOTICE', 'BULLETIN'].map((k) => [k, `kind.${k}`]);

function scopeText(direction) {
  const corridors = direction.corridors.map((c) => (c === '*' ? t('partners.allCorridors') : c));
  return `${direction.kinds.map((k) => t(`kind.${k}`)).join(t('common.listSeparator')) || '—'} · ${corridors.join(t('common.listSeparator')) || '—'}`;
}

export async function render(main) {
  const partners = await get('/admin/partners');
  const rerender = () => render(main);
  page(main, 'nav.partners',
    h('p', {}, t('partners.intro'), ' ', h('a', { href: '#/notices' }, t('partners.toNotices'))),
    table('partners.list', [
      ['partners.region', (p) => `${language() === 'en' ? p.nameEn : p.name} (${p.regionCode})`],
      ['partners.state', (p) => stateBadge('partnerState', p.state)],
      ['partners.inbound', (p) => scopeText(p.scope.inbound)],
      ['partners.outbound', (p) => scopeText(p.scope.outbound)],
      ['partners.documents', (p) => h('ul', { class: 'plain' }, (p.documents || []).map((d) =>
        h('li', {}, `${documentName(d.document)}: ${formatAge(d.ageSeconds)}${d.lastError ? ` · ${t('partners.fetchFailed')}` : ''}`)))],
      ['partners.actions', (p) => (p.state === 'ENDED' ? '—' : h('span', { class: 'row-actions' },
        reasonAction(p.state === 'ACTIVE' ? 'partners.suspend' : 'partners.resume', t('partners.stateReason', { name: p.name }),
          p.state === 'ACTIVE' ? 'partners.suspend' : 'partners.resume',
          (reason) => changeState(p, p.state === 'ACTIVE' ? 'SUSPENDED' : 'ACTIVE', reason, rerender)),
        h('button', { type: 'button', onclick: async () => { await post(`/admin/partners/${p.id}/fetches`, {}); announce(t('partners.fetched')); await rerender(); } },
          t('partners.fetch'), h('span', { class: 'sr-only' }, ` ${p.name}`))))],
    ], partners, 'partners.none'),
    h('details', { class: 'card', open: partners.length === 0 }, h('summary', {}, t('partners.introduce')), introduceForm(rerender)),
    partners.some((p) => p.state !== 'ENDED')
      ? h('details', { class: 'card' }, h('summary', {}, t('partners.amend')), amendForm(partners.filter((p) => p.state !== 'ENDED'), rerender))
      : null);
}

/** "trust-bundle" is the partner's keys; "status-list-3" its status list 3. */
function documentName(document) {
  if (document === 'trust-bundle') return t('partners.keys');
  const list = /(\d+)$/.exec(document || '');
  return list ? t('partners.statusList', { n: list[1] }) : t('partners.document');
}

async function changeState(p, state, reason, rerender) {
  await put(`/admin/partners/${p.id}/state`, { state, reason });
  announce(t('partners.stateChanged', { name: p.name, state: t(`partnerState.${state}`) }));
  await rerender();
}

/** The agreement's nested fields, as the form names its controls. */
const SCOPE_FIELDS = { 'scope.inbound.kinds': 'inboundKinds', 'scope.inbound.corridors': 'inboundCorridors',
  'scope.outbound.kinds': 'outboundKinds', 'scope.outbound.corridors': 'outboundCorridors', scope: 'inboundKinds' };

const corridorList = (el, name) => (value(el, name) || '').split(/[\s,，]+/).filter(Boolean);

/** Scope and address of one agreement, filled in from the partner chosen; only what differs changes. */
function amendForm(partners, rerender) {
  const el = form({ id: 'amend-form' }, [
    field('partners.partner', h('select', { name: 'partner', onchange: () => fill() },
      partners.map((p) => h('option', { value: p.id }, `${p.name} (${p.regionCode})`))), 'partners.amendHint'),
    field('partners.baseUrl', input('baseUrl', { type: 'url', maxlength: 300 })),
    checks('partners.inboundKinds', 'inboundKinds', KINDS),
    field('partners.inboundCorridors', input('inboundCorridors')),
    checks('partners.outboundKinds', 'outboundKinds', KINDS),
    field('partners.outboundCorridors', input('outboundCorridors')),
    field('common.reason', textarea('reason')),
  ], async (f) => {
    const p = await patch(`/admin/partners/${value(f, 'partner')}`, {
      baseUrl: value(f, 'baseUrl'),
      scope: {
        inbound: { kinds: checkedValues(f, 'inboundKinds'), corridors: corridorList(f, 'inboundCorridors') },
        outbound: { kinds: checkedValues(f, 'outboundKinds'), corridors: corridorList(f, 'outboundCorridors') },
      },
      reason: value(f, 'reason'),
    });
    announce(t('partners.amended', { name: p.name }));
    await rerender();
  }, 'partners.amendSubmit', { ...SCOPE_FIELDS, partnerId: 'partner' });
  function fill() {
    const p = partners.find((x) => x.id === value(el, 'partner'));
    el.querySelector('[name=baseUrl]').value = p.baseUrl;
    for (const direction of ['inbound', 'outbound']) {
      el.querySelectorAll(`input[name=${direction}Kinds]`).forEach((box) => { box.checked = p.scope[direction].kinds.includes(box.value); });
      el.querySelector(`[name=${direction}Corridors]`).value = p.scope[direction].corridors.join(', ');
    }
  }
  fill();
  return el;
}

function introduceForm(rerender) {
  return form({ id: 'partner-form' }, [
    field('partners.regionCode', input('regionCode', { maxlength: 6, inputmode: 'numeric' })),
    field('partners.name', input('name', { maxlength: 100 })),
    field('partners.nameEn', input('nameEn', { maxlength: 100, lang: 'en' })),
    field('partners.baseUrl', input('baseUrl', { type: 'url', maxlength: 300 })),
    field('partners.thumbprint', input('trustKeyThumbprint', { maxlength: 43 }), 'partners.thumbprintHint'),
    field('partners.contactKey', input('contactKey', { maxlength: 128 }), 'partners.contactKeyHint'),
    checks('partners.inboundKinds', 'inboundKinds', KINDS, ['HEALTH_CODE']),
    field('partners.inboundCorridors', input('inboundCorridors', { value: '*' })),
    checks('partners.outboundKinds', 'outboundKinds', KINDS, ['CLOSE_CONTACT_NOTICE', 'RELEASE_NOTICE', 'BULLETIN']),
    field('partners.outboundCorridors', input('outboundCorridors', { value: '*' })),
    field('common.reason', textarea('reason')),
  ], async (el) => {
    const corridors = (name) => corridorList(el, name);
    const body = {
      regionCode: value(el, 'regionCode'), name: value(el, 'name'), nameEn: value(el, 'nameEn'), baseUrl: value(el, 'baseUrl'),
      trustKeyThumbprint: value(el, 'trustKeyThumbprint'), contactKey: value(el, 'contactKey'),
      scope: {
        inbound: { kinds: checkedValues(el, 'inboundKinds'), corridors: corridors('inboundCorridors') },
        outbound: { kinds: checkedValues(el, 'outboundKinds'), corridors: corridors('outboundCorridors') },
      },
      reason: value(el, 'reason'),
    };
    const p = await post('/admin/partners', body);
    announce(t('partners.introduced', { name: p.name }));
    await rerender();
  }, 'partners.introduceSubmit', SCOPE_FIELDS);
}
