// Pass review queue: waiting applications oldest first; one application with its requirements
// judged now, the proofs side by side (met or missing, which proof, valid until when); approve,
// reject with a reason, and revoke the pass of an approved one.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, post } from '../api.js';
import { page, section, form, field, textarea, value, table, announce, reasonAction, stateBadge, rerender } from '../ui.js';
import { corridorName, standing, revocation } from './applications.js';

const STATES = ['SUBMITTED', 'APPROVED', 'REJECTED'];

export async function render(main, params) {
  const state = STATES.includes(params.get('state')) ? params.get('state') : 'SUBMITTED';
  const applications = await get(`/admin/pass-applications?state=${state}&limit=200`);
  const detail = h('div', { id: 'review-detail' });
  page(main, 'nav.review',
    h('p', {}, t('review.intro')),
    h('nav', { 'aria-label': t('review.states') }, h('ul', { class: 'tabs' }, STATES.map((s) =>
      h('li', {}, h('a', { href: `#/review?state=${s}`, 'aria-current': s === state ? 'page' : null }, t(`review.tab.${s}`)))))),
    table('review.list', [
      ['applications.employee', (a) => h('a', { href: `#/review?state=${state}&id=${a.id}` }, a.employee.name)],
      ['employees.idNumber', (a) => h('span', { class: 'mono' }, a.employee.maskedIdNumber)],
      ['review.enterprise', (a) => [a.enterprise.name, ' ', h('span', { class: 'mono' }, a.enterprise.creditCode)]],
      ['applications.corridor', (a) => corridorName(a.corridor)],
      ['applications.submittedAt', (a) => formatTime(a.submittedAt)],
      ['applications.standing', (a) => standing(a)],
      ['review.decisionReason', (a) => a.decisionReason || '—'],
    ], applications, 'review.none'),
    detail);
  if (params.get('id')) {
    const id = params.get('id');
    const [a, proofs] = await Promise.all([get(`/admin/pass-applications/${id}`), get(`/admin/pass-applications/${id}/proofs`)]);
    await show(detail, a);
    detail.append(section('review.documents', h('ul', { class: 'proofs', id: 'review-documents' }, proofs.proofs.map(documentCard))));
  }
}

function proofCard(r) {
  return h('li', { class: `card proof ${r.met ? 'met' : 'unmet'}`, 'data-requirement': r.requirement },
    h('h4', {}, t(`requirement.${r.requirement}`)),
    h('p', {}, h('span', { 'aria-hidden': 'true' }, r.met ? '✓ ' : '✕ '), r.met ? t('review.met') : t('review.notMet')),
    r.proofId ? h('p', { class: 'meta' }, t('review.proof'), ' ', h('span', { class: 'mono' }, r.proofId.slice(0, 8))) : null,
    r.validUntil ? h('p', { class: 'meta' }, t('review.validUntil', { at: formatTime(r.validUntil) })) : null);
}

async function show(target, a) {
  clear(target);
  const requirements = a.requirements || [];
  target.append(section('review.application',
    h('h3', {}, `${a.employee.name} · ${corridorName(a.corridor)}`),
    h('dl', { class: 'facts' },
      h('dt', {}, t('review.enterprise')), h('dd', {}, `${a.enterprise.name} (${a.enterprise.creditCode})`),
      h('dt', {}, t('employees.idNumber')), h('dd', { class: 'mono' }, a.employee.maskedIdNumber),
      h('dt', {}, t('applications.corridor')), h('dd', {}, `${corridorName(a.corridor)} · ${t(`model.${a.corridor.model}`)} · ${(a.corridor.regions || []).join(' – ')}`),
      a.vehiclePlate ? [h('dt', {}, t('applications.vehiclePlate')), h('dd', {}, a.vehiclePlate)] : null,
      a.note ? [h('dt', {}, t('applications.note')), h('dd', {}, a.note)] : null,
      h('dt', {}, t('applications.submittedAt')), h('dd', {}, formatTime(a.submittedAt)),
      h('dt', {}, t('applications.standing')), h('dd', { id: 'review-standing' }, standing(a)),
      a.decidedAt ? [h('dt', {}, t('review.decidedAt')), h('dd', {}, formatTime(a.decidedAt))] : null,
      a.decisionReason ? [h('dt', {}, t('review.decisionReason')), h('dd', {}, a.decisionReason)] : null,
      a.pass && a.pass.state === 'REVOKED' && a.pass.revokedAt
        ? [h('dt', {}, t('review.passRevoked')), h('dd', { id: 'review-revocation' }, revocation(a.pass))]
        : a.pass ? [h('dt', {}, t('documents.validUntil')), h('dd', {}, formatTime(a.pass.expiresAt))] : null),
    a.state === 'SUBMITTED' ? [
      h('h4', {}, t('review.proofs')),
      h('ul', { class: 'proofs', id: 'review-proofs' }, requirements.map(proofCard)),
      h('div', { class: 'grid2' },
        form({ class: 'card', id: 'approve-form' }, [
          h('h4', {}, t('review.approve')),
          field('review.approveReason', textarea('reason', { maxlength: 500 })),
        ], async (el) => {
          const body = value(el, 'reason') ? { reason: value(el, 'reason') } : {};
          await post(`/admin/pass-applications/${a.id}/approval`, body);
          announce(t('review.approved', { name: a.employee.name }));
          location.hash = `#/review?state=APPROVED&id=${a.id}`;
        }, 'review.approveSubmit'),
        form({ class: 'card', id: 'reject-form' }, [
          h('h4', {}, t('review.reject')),
          field('common.reason', textarea('reason', { maxlength: 500 }), 'review.rejectHint'),
        ], async (el) => {
          await post(`/admin/pass-applications/${a.id}/rejection`, { reason: value(el, 'reason') || '' });
          announce(t('review.rejected', { name: a.employee.name }));
          location.hash = `#/review?state=REJECTED&id=${a.id}`;
        }, 'review.rejectSubmit')),
    ] : null,
    a.pass && a.pass.state !== 'REVOKED' && a.pass.state !== 'EXPIRED'
      ? h('div', { class: 'row-actions', id: 'revoke-pass' }, reasonAction('review.revoke', t('review.revokeLabel', { name: a.employee.name }), 'review.revokeSubmit',
        async (reason) => {
          await post(`/admin/passes/${a.pass.id}/revocation`, { reason });
          announce(t('review.revoked', { name: a.employee.name }));
          rerender();
        }))
      : null));
}

/** Who vouches for a proof: the enterprise or community by name and code; the region itself for the card. */
function issuer(i) {
  if (i.kind === 'REGION') return t('review.issuerRegion');
  return [i.name || '—', i.code ? ' ' : '', i.code ? h('span', { class: 'mono' }, i.code) : ''];
}

function why(v) {
  if (!v) return '';
  const parts = [];
  if (v.signature !== 'VALID') parts.push(t(`review.signature.${v.signature}`));
  if (v.typeMatches === false) parts.push(t('review.mismatch.type'));
  if (v.idMatches === false) parts.push(t('review.mismatch.id'));
  if (v.statementMatches === false) parts.push(t('review.mismatch.statement'));
  return parts.join(t('common.listSeparator'));
}

function documentCard(p) {
  const facts = [];
  const fact = (key, value) => { if (value) facts.push(h('dt', {}, t(key)), h('dd', {}, value)); };
  if (p.issuer) fact('review.issuer', issuer(p.issuer));
  if (p.subject) fact('review.subject', [p.subject.maskedName || '', ' ', h('span', { class: 'mono' }, p.subject.idLastFour || p.subject.maskedIdNumber || '')]);
  fact('review.issuedAt', p.issuedAt && formatTime(p.issuedAt));
  fact('documents.validUntil', p.validUntil && formatTime(p.validUntil));
  fact('review.statement', p.statement);
  if (p.card) fact('review.cardDays', t('review.card', { n: p.card.consecutiveNormalDays, of: p.card.requiredDays }));
  const v = p.verification;
  const state = p.state === 'MISSING' ? t('review.missing')
    : p.card ? t(`review.cardState.${p.state}`) : t(`proofState.${p.state}`);
  return h('li', { class: `card proof ${p.state === 'ACTIVE' || p.state === 'COMPLETE' ? 'met' : 'unmet'}`, 'data-kind': p.kind },
    h('h4', {}, t(`proofKind.${p.kind}`)),
    h('p', {}, state),
    facts.length ? h('dl', { class: 'facts stacked' }, facts) : null,
    v ? h('p', { class: 'verification' }, h('span', { 'aria-hidden': 'true' }, v.verified ? '✓ ' : '✕ '),
      v.verified ? t('review.verified') : t('review.notVerified', { why: why(v) })) : null);
}
