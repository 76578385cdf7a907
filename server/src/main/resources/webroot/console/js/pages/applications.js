// Enterprise: apply for a pass for an employee on a corridor it is admitted to, and follow every
// application: waiting (with what is still missing), approved with its pass (valid, suspended,
// revoked, expired), or rejected with the reviewer's reason.
import { h } from '../dom.js';
import { t, formatTime, language } from '../i18n.js';
import { get, post } from '../api.js';
import { page, section, form, field, input, select, value, table, announce, stateBadge, rerender } from '../ui.js';
import { allEmployees } from './employees.js';

export function corridorName(c) {
  return language() === 'en' ? c.nameEn : c.nameZh;
}

/** Where an application stands, in words: its state and, once approved, its pass's state. */
export function standing(a) {
  if (a.state === 'APPROVED' && a.pass) return stateBadge('passState', a.pass.state);
  return stateBadge('applicationState', a.state);
}

export function missingText(a) {
  return (a.missing || []).map((m) => t(`requirement.${m}`)).join(t('common.listSeparator'));
}

export async function render(main) {
  const [corridors, employees, listed] = await Promise.all([
    get('/enterprise/corridors'), allEmployees(), get('/enterprise/pass-applications?limit=200')]);
  // the list carries no requirements; a waiting application's are judged when it is read alone
  const applications = await Promise.all(listed.map((a) => (a.state === 'SUBMITTED'
    ? get(`/enterprise/pass-applications/${a.id}`) : a)));
  const residents = employees.filter((e) => e.state === 'ACTIVE' && e.kind === 'RESIDENT');
  page(main, 'nav.applications',
    h('p', {}, t('applications.intro')),
    corridors.length === 0 ? h('p', { class: 'card' }, t('applications.noCorridors'))
      : residents.length === 0 ? h('p', { class: 'card' }, t('applications.noEmployees'))
        : applyForm(corridors, residents),
    section('applications.list', table('applications.list', [
      ['applications.employee', (a) => [a.employee.name, ' ', h('span', { class: 'mono' }, a.employee.maskedIdNumber)]],
      ['applications.corridor', (a) => [corridorName(a.corridor), a.vehiclePlate ? ` · ${a.vehiclePlate}` : '']],
      ['applications.submittedAt', (a) => formatTime(a.submittedAt)],
      ['applications.standing', (a) => standing(a)],
      ['applications.detail', (a) => detail(a)],
    ], applications, 'applications.none')));
}

/** A revoked pass: when, why (the cause in words) and in whose words — never "valid until". */
export function revocation(pass) {
  return t('applications.revokedAt', { at: formatTime(pass.revokedAt), cause: t(`passCause.${pass.revokedCause}`) })
    + (pass.revokedReason ? t('persons.because', { reason: pass.revokedReason }) : '');
}

export function detail(a) {
  if (a.state === 'SUBMITTED') {
    return a.missing && a.missing.length ? t('applications.missing', { list: missingText(a) }) : t('applications.complete');
  }
  const decided = t('applications.decided', { at: formatTime(a.decidedAt) });
  if (a.state === 'REJECTED') return [decided, ' ', t('applications.rejectedBecause', { reason: a.decisionReason || '—' })];
  if (a.pass && a.pass.state === 'REVOKED' && a.pass.revokedAt) return [decided, ' ', revocation(a.pass)];
  return [decided, a.pass && a.pass.expiresAt ? ` ${t(a.pass.state === 'EXPIRED' ? 'applications.expired' : 'applications.expires',
    { at: formatTime(a.pass.expiresAt) })}` : ''];
}

function applyForm(corridors, residents) {
  return form({ class: 'card', id: 'apply-form' }, [
    h('h2', {}, t('applications.apply')),
    field('applications.employee', h('select', { name: 'employeeId' },
      residents.map((e) => h('option', { value: e.id }, `${e.name} ${e.maskedIdNumber}`)))),
    field('applications.corridor', h('select', { name: 'corridorId' },
      corridors.map((c) => h('option', { value: c.id }, `${corridorName(c)} (${t(`model.${c.model}`)})`)))),
    field('applications.vehiclePlate', input('vehiclePlate', { maxlength: 16 }), 'applications.vehiclePlateHint'),
    field('applications.note', input('note', { maxlength: 500 })),
  ], async (el) => {
    const body = { employeeId: value(el, 'employeeId'), corridorId: value(el, 'corridorId') };
    if (value(el, 'vehiclePlate')) body.vehiclePlate = value(el, 'vehiclePlate');
    if (value(el, 'note')) body.note = value(el, 'note');
    const a = await post('/enterprise/pass-applications', body);
    announce(a.missing && a.missing.length ? t('applications.submittedMissing', { list: missingText(a) }) : t('applications.submitted'));
    rerender();
  }, 'applications.submit');
}
