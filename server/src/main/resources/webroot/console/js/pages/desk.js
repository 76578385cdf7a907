// Community desk, for residents without a smartphone: find a resident of the staff member's community
// and print their paper health card (an A6 PDF; any earlier card stops working); record a family member
// for a guardian and member who came in with their ID cards; see a resident's family links and end one;
// see the community's paper cards and withdraw one with a reason. docs/no-smartphone.md.
import { h, clear } from '../dom.js';
import { t, formatTime, language } from '../i18n.js';
import { get, post, session, ApiError } from '../api.js';
import { page, section, form, field, input, select, value, table, announce, reasonAction, stateBadge, rerender,
  showError } from '../ui.js';
import { servedCommunity } from './permits.js';

const RELATIONS = ['PARENT', 'CHILD', 'SPOUSE', 'GRANDPARENT', 'GRANDCHILD', 'SIBLING', 'OTHER'];

export async function render(main) {
  const [cards, served] = await Promise.all([get('/community/paper-cards'), servedCommunity()]);
  const results = h('div', { id: 'desk-results', 'aria-live': 'polite' });
  const family = h('div', { id: 'desk-family', 'aria-live': 'polite' });
  page(main, 'nav.desk',
    served,
    h('p', {}, t('desk.intro')),
    form({ class: 'card', id: 'desk-search' }, [
      h('h2', {}, t('desk.find')),
      field('desk.idNumber', input('idNumber', { maxlength: 18, spellcheck: 'false', required: true }), 'desk.idHint'),
    ], async (el) => {
      const found = await post('/community/residents/search', { idNumber: (value(el, 'idNumber') || '').toUpperCase() });
      el.reset();
      showResidents(results, family, found);
    }, 'desk.findSubmit'),
    results,
    family,
    form({ class: 'card', id: 'desk-dependant' }, [
      h('h2', {}, t('desk.addFamily')),
      h('p', { class: 'hint' }, t('desk.addFamilyHint')),
      field('desk.guardianIdNumber', input('guardianIdNumber', { maxlength: 18, spellcheck: 'false', required: true })),
      field('desk.memberName', input('name', { maxlength: 50, required: true })),
      field('desk.memberIdNumber', input('idNumber', { maxlength: 18, spellcheck: 'false', required: true })),
      field('desk.relation', select('relation', RELATIONS.map((r) => [r, `relation.${r}`]))),
    ], async (el) => {
      const linked = await post('/community/dependants', {
        guardianIdNumber: (value(el, 'guardianIdNumber') || '').toUpperCase(),
        name: value(el, 'name'),
        idNumber: (value(el, 'idNumber') || '').toUpperCase(),
        relation: value(el, 'relation'),
      });
      el.reset();
      announce(t('desk.familyAdded', { name: linked.name, relation: t(`relation.${linked.relation}`) }));
    }, 'desk.addFamilySubmit'),
    h('div', { id: 'desk-cards' }, section('desk.cards', cardTable(cards))));
}

function showResidents(target, family, found) {
  clear(target);
  const status = h('p', { class: 'hint', 'aria-live': 'polite' });
  target.append(section('desk.found', table('desk.found', [
    ['desk.resident', (r) => r.maskedName],
    ['desk.idMasked', (r) => h('span', { class: 'mono' }, r.maskedIdNumber)],
    ['desk.actions', (r) => [
      h('button', { type: 'button', 'data-action': 'print', onclick: () => printCard(r, status) }, t('desk.print')),
      ' ',
      h('button', { type: 'button', 'data-action': 'family', onclick: () => showFamily(family, r) }, t('desk.family')),
    ]],
  ], found, 'desk.noneFound'), status));
}

/** Prints (POST) and opens the PDF; the download carries the staff member's token, so it is fetched here. */
async function printCard(resident, status) {
  const s = session();
  const response = await fetch(`/api/v1/community/residents/${resident.residentId}/paper-card`, {
    method: 'POST', headers: { authorization: `Bearer ${s.accessToken}`, 'accept-language': language() },
    credentials: 'omit', cache: 'no-store',
  });
  if (response.status !== 201) {
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    showError(status, new ApiError(response.status, body));
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  clear(status);
  status.append(t('desk.printed', { name: resident.maskedName }), ' ',
    h('a', { href: url, target: '_blank', rel: 'noopener', download: 'paper-health-card.pdf', id: 'desk-card-pdf' },
      t('desk.openPdf')));
  announce(t('desk.printed', { name: resident.maskedName }));
}

async function showFamily(target, resident) {
  const links = await get(`/community/residents/${resident.residentId}/dependants`);
  clear(target);
  target.append(section('desk.familyOf', h('p', {}, t('desk.familyOfResident', { name: resident.maskedName })),
    table('desk.familyOf', [
      ['desk.memberName', (d) => d.name],
      ['desk.idMasked', (d) => h('span', { class: 'mono' }, d.maskedIdNumber)],
      ['desk.relation', (d) => t(`relation.${d.relation}`)],
      ['desk.state', (d) => stateBadge('dependantState', d.state)],
      ['desk.actions', (d) => (d.state === 'ENDED' ? '—' : reasonAction('desk.end', t('desk.endLabel', { name: d.name }),
        'desk.endSubmit', async (reason) => {
          await post(`/community/dependants/${d.id}/end`, { reason });
          announce(t('desk.ended', { name: d.name }));
          await showFamily(target, resident);
        }))],
    ], links, 'desk.noFamily')));
}

function cardTable(cards) {
  return table('desk.cards', [
    ['desk.resident', (c) => c.maskedName],
    ['desk.state', (c) => [stateBadge('paperCardState', c.state), c.endedReason ? ` ${c.endedReason}` : '']],
    ['desk.status', (c) => stateBadge('paperCardStatus', c.status)],
    ['desk.issuedAt', (c) => formatTime(c.issuedAt)],
    ['desk.expiresAt', (c) => formatTime(c.expiresAt)],
    ['desk.actions', (c) => (c.state !== 'CURRENT' ? '—' : reasonAction('desk.withdraw',
      t('desk.withdrawLabel', { name: c.maskedName }), 'desk.withdrawSubmit', async (reason) => {
        await post(`/community/paper-cards/${c.id}/withdrawal`, { reason });
        announce(t('desk.withdrawn', { name: c.maskedName }));
        rerender();
      }))],
  ], cards, 'desk.noCards');
}
