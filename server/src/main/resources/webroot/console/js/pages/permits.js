// Community desk: issue a residential-community permit to a resident of the staff member's
// community (found by ID number, sent in the body and never shown whole), see the permits issued,
// and revoke one with a reason (every pass resting on it is revoked with it).
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { page, section, form, field, input, value, table, announce, reasonAction, stateBadge, rerender } from '../ui.js';

/** "服务社区：幸福社区（110105001001）": the community this staff member's desk serves. */
export async function servedCommunity() {
  const community = await get('/me/community');
  return h('p', { class: 'served', id: 'served-community' }, t('community.serves', { name: community.name, code: community.code }));
}

export async function render(main) {
  const [permits, served] = await Promise.all([get('/community/permits'), servedCommunity()]);
  const results = h('div', { id: 'resident-results', 'aria-live': 'polite' });
  const list = h('div', { id: 'permit-list' }, permitTable(permits));
  const refreshList = async () => {
    const now = await get('/community/permits');
    clear(list);
    list.append(permitTable(now));
  };
  page(main, 'nav.permits',
    served,
    h('p', {}, t('permits.intro')),
    form({ class: 'card', id: 'resident-search' }, [
      h('h2', {}, t('permits.find')),
      h('p', { class: 'hint' }, t('permits.findHint')),
      field('permits.findIdNumber', input('idNumber', { maxlength: 18, spellcheck: 'false' }), 'permits.idHint'),
      field('permits.findName', input('name', { maxlength: 50 })),
    ], async (el) => {
      // One term at a time: an ID number, when given, is the search (the name field is emptied).
      const body = {};
      if (value(el, 'idNumber')) body.idNumber = value(el, 'idNumber').toUpperCase();
      else if (value(el, 'name')) body.name = value(el, 'name');
      const found = await post('/community/residents/search', body);
      el.querySelector('[name=idNumber]').value = '';
      if (body.idNumber) el.querySelector('[name=name]').value = '';
      showResidents(results, found, refreshList);
    }, 'permits.findSubmit'),
    results,
    form({ class: 'card', id: 'permit-form' }, [
      h('h2', {}, t('permits.issue')),
      field('permits.idNumber', input('idNumber', { maxlength: 18, spellcheck: 'false' }), 'permits.idHint'),
      field('permits.validUntil', input('validUntil', { type: 'date' }), 'permits.validUntilHint'),
    ], async (el) => {
      const body = { idNumber: (value(el, 'idNumber') || '').toUpperCase() };
      if (value(el, 'validUntil')) body.validUntil = new Date(`${value(el, 'validUntil')}T23:59:59`).toISOString();
      const p = await post('/community/permits', body);
      el.reset();
      announce(t('permits.issued', { kind: t(`proofKind.${p.kind}`) }));
      rerender();
    }, 'permits.issueSubmit'),
    section('permits.list', list));
}

function permitTable(permits) {
  return table('permits.list', [
    ['permits.resident', (p) => p.residentMaskedName || '—'],
    ['permits.state', (p) => [stateBadge('proofState', p.state), p.revokedReason ? ` ${p.revokedReason}` : '']],
    ['permits.issuedAt', (p) => formatTime(p.issuedAt)],
    ['permits.validUntil', (p) => formatTime(p.validUntil)],
    ['permits.actions', (p) => (p.state !== 'ACTIVE' ? '—' : reasonAction('permits.revoke',
      t('permits.revokeLabel', { name: p.residentMaskedName || '' }), 'permits.revokeSubmit', async (reason) => {
        const r = await post(`/community/permits/${p.id}/revocation`, { reason });
        announce(t('permits.revoked', { n: r.passesRevoked || 0 }));
        rerender();
      }))],
  ], permits, 'permits.none');
}

/** The residents found; issuing or revoking from a row updates that row and the list of permits in place. */
function showResidents(target, found, refreshList) {
  const again = () => showResidents(target, found, refreshList);
  clear(target);
  target.append(section('permits.found', table('permits.found', [
    ['permits.resident', (r) => r.maskedName],
    ['permits.idMasked', (r) => h('span', { class: 'mono' }, r.maskedIdNumber)],
    ['permits.current', (r) => (r.permit ? t('permits.validTill', { at: formatTime(r.permit.validUntil) }) : t('permits.noPermit'))],
    ['permits.actions', (r) => (r.permit
      ? reasonAction('permits.revoke', t('permits.revokeLabel', { name: r.maskedName }), 'permits.revokeSubmit', async (reason) => {
        const x = await post(`/community/permits/${r.permit.id}/revocation`, { reason });
        r.permit = null;
        again();
        announce(t('permits.revoked', { n: x.passesRevoked || 0 }));
        await refreshList();
      })
      : issueButton(r, again, refreshList))],
  ], found, 'permits.foundNone')));
}

/**
 * Issues a permit to a resident of the search's result. A refusal (the resident moved to another
 * community since the search, say) stays beside the button, read out at once, until the next try.
 */
function issueButton(r, again, refreshList) {
  const error = h('span', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'button', class: 'issue-to', onclick: async () => {
    button.disabled = true;
    clear(error);
    try {
      const p = await post(`/community/residents/${r.residentId}/permit`, {});
      r.permit = { id: p.id, validUntil: p.validUntil };
      again();
      announce(t('permits.issued', { kind: t(`proofKind.${p.kind}`) }));
      await refreshList();
    } catch (e) {
      button.disabled = false;
      error.append(e.message);
    }
  } }, t('permits.issueTo'), h('span', { class: 'sr-only' }, ` — ${r.maskedName} ${r.maskedIdNumber}`));
  return h('span', { class: 'issue-action' }, button, error);
}
