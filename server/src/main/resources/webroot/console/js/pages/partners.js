// Partners: introduce with a scope, amend the scope or address, suspend or resume, fetch now; the age of each partner's trust
// bundle (its keys) and status lists; outbox and inbox of notices; bulletins, and publishing one.
import { h, clear } from '../dom.js';
import { t, formatTime, formatAge } from '../i18n.js';
import { get, post, put, patch } from '../api.js';
import { page, section, form, field, input, textarea, checks, checkedValues, value, instant, table, announce } from '../ui.js';

const KINDS = ['HEALTH_CODE', 'COMMUTER_PASS', 'CLOSE_CONTACT_NOTICE', 'RELEASE_NOTICE', 'BULLETIN'].map((k) => [k, `kind.${k}`]);

function scopeText(direction) {
  return `${direction.kinds.map((k) => t(`kind.${k}`)).join(', ') || '—'} · ${direction.corridors.join(', ') || '—'}`;
}

export async function render(main) {
  const [partners, messages, bulletins] = await Promise.all([get('/admin/partners'), get('/admin/federation/messages'), get('/admin/bulletins')]);
  const rerender = () => render(main);
  page(main, 'nav.partners',
    table('partners.list', [
      ['partners.region', (p) => `${p.name} (${p.regionCode})`],
      ['partners.state', (p) => t(`partnerState.${p.state}`)],
      ['partners.inbound', (p) => scopeText(p.scope.inbound)],
      ['partners.outbound', (p) => scopeText(p.scope.outbound)],
      ['partners.documents', (p) => h('ul', { class: 'plain' }, (p.documents || []).map((d) =>
        h('li', {}, `${d.document === 'trust-bundle' ? t('partners.keys') : d.document}: ${formatAge(d.ageSeconds)}${d.lastError ? ` · ${d.lastError}` : ''}`)))],
      ['partners.actions', (p) => (p.state === 'ENDED' ? '—' : h('span', { class: 'row-actions' },
        h('button', { type: 'button', onclick: () => changeState(p, p.state === 'ACTIVE' ? 'SUSPENDED' : 'ACTIVE', rerender) },
          t(p.state === 'ACTIVE' ? 'partners.suspend' : 'partners.resume'), h('span', { class: 'sr-only' }, ` ${p.name}`)),
        h('button', { type: 'button', onclick: async () => { await post(`/admin/partners/${p.id}/fetches`, {}); announce(t('partners.fetched')); await rerender(); } },
          t('partners.fetch'), h('span', { class: 'sr-only' }, ` ${p.name}`))))],
    ], partners, 'partners.none'),
    h('details', { class: 'card' }, h('summary', {}, t('partners.introduce')), introduceForm(rerender)),
    partners.some((p) => p.state !== 'ENDED')
      ? h('details', { class: 'card' }, h('summary', {}, t('partners.amend')), amendForm(partners.filter((p) => p.state !== 'ENDED'), rerender))
      : null,
    section('partners.outbox', table('partners.outbox', [
      ['partners.type', (m) => m.type],
      ['partners.to', (m) => m.to || m.partner || '—'],
      ['partners.created', (m) => formatTime(m.createdAt)],
      ['partners.state', (m) => m.state || (m.deliveredAt ? t('partners.delivered') : '—')],
      ['partners.attempts', (m) => m.attempts ?? '—'],
    ], messages.sent, 'partners.noMessages')),
    section('partners.inbox', table('partners.inbox', [
      ['partners.type', (m) => m.type],
      ['partners.from', (m) => m.from || m.partner || '—'],
      ['partners.received', (m) => formatTime(m.receivedAt)],
    ], messages.received, 'partners.noMessages')),
    section('partners.bulletins',
      table('partners.bulletins', [
        ['partners.origin', (b) => b.origin],
        ['partners.title', (b) => b.title],
        ['partners.text', (b) => b.text],
        ['partners.counties', (b) => (b.counties || []).join(', ') || '—'],
        ['partners.effectiveAt', (b) => formatTime(b.effectiveAt)],
      ], bulletins, 'partners.noBulletins'),
      form({ class: 'card', id: 'bulletin-form' }, [
        h('h3', {}, t('partners.publish')),
        field('partners.title', input('title', { maxlength: 200 })),
        field('partners.text', textarea('text', { maxlength: 4000 })),
        field('partners.counties', input('counties'), 'partners.countiesHint'),
        field('partners.effectiveAt', input('effectiveAt', { type: 'datetime-local' })),
      ], async (el) => {
        const r = await post('/admin/bulletins', {
          title: value(el, 'title') || '', text: value(el, 'text') || '',
          counties: (value(el, 'counties') || '').split(/[\s,，]+/).filter(Boolean),
          effectiveAt: instant(el, 'effectiveAt') || new Date().toISOString(),
        });
        announce(t('partners.published', { n: r.sentTo.length }));
        await rerender();
      }, 'partners.publishSubmit')));
}

async function changeState(p, state, rerender) {
  const reason = window.prompt(t('partners.stateReason', { name: p.name }));
  if (!reason) return;
  await put(`/admin/partners/${p.id}/state`, { state, reason });
  announce(t('partners.stateChanged', { name: p.name, state: t(`partnerState.${state}`) }));
  await rerender();
}

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
  }, 'partners.amendSubmit');
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
  }, 'partners.introduceSubmit');
}
