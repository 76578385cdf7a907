// Persons: found by ID number or phone (sent in a POST body, never in a URL; the form is cleared
// once found and only the masked number is shown), with colour, deciding rule and flags.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, post, session } from '../api.js';
import { page, section, form, field, input, select, textarea, value, instant, table, colourBadge, announce, stateBadge } from '../ui.js';
import { corridorName, standing, detail } from './applications.js';

const FLAGS = ['CONFIRMED', 'SUSPECTED', 'ASYMPTOMATIC', 'CLOSE_CONTACT', 'SECONDARY_CONTACT', 'RELEASED']
  .map((f) => [f, `flag.${f}`]);

/**
 * Community staff find their own community's residents; anyone else only with a reason, which the
 * server audits with the lookup (docs/passes.md). Without one, "not found" says so, on the reason field.
 */
export function searchForm(onFound) {
  const staff = session() && session().role === 'COMMUNITY_STAFF';
  return form({ class: 'card', id: 'person-search' }, [
    field('persons.idNumber', input('idNumber', { inputmode: 'text', maxlength: 18, autocomplete: 'off' }), 'persons.idHint'),
    field('persons.phone', input('phone', { type: 'tel', maxlength: 11, autocomplete: 'off' })),
    staff ? field('persons.lookupReason', input('reason', { maxlength: 500 }), 'persons.lookupReasonHint') : null,
  ], async (el) => {
    const idNumber = value(el, 'idNumber');
    const phone = value(el, 'phone');
    const reason = staff ? value(el, 'reason') : undefined;
    const body = idNumber ? { idNumber: idNumber.toUpperCase() } : { phone: phone || '' };
    if (reason !== undefined) body.reason = reason;
    let person;
    try {
      person = await post('/admin/persons/search', body);
    } catch (e) {
      if (staff && reason === undefined && e.code === 'PERSON_NOT_FOUND') {
        throw Object.assign(new Error(t('persons.notInCommunity')), { field: 'reason' });
      }
      throw e;
    }
    el.reset();
    await onFound(person);
  }, 'persons.search');
}

export async function render(main, params) {
  const result = h('div', { id: 'person-result' });
  const staff = session() && session().role === 'COMMUNITY_STAFF';
  page(main, 'nav.persons', h('p', {}, t(staff ? 'persons.introStaff' : 'persons.intro')), searchForm((person) => show(result, person)), result);
  if (params.get('id')) await show(result, await get(`/admin/persons/${params.get('id')}`));
}

/** The person's passes, each with its last change and why, and the applications made for them. */
function passesOf(held) {
  const last = (p) => (p.events && p.events.length ? p.events[p.events.length - 1] : null);
  return h('div', { id: 'person-passes' },
    table('persons.passes', [
      ['applications.corridor', (p) => corridorName(p.corridor)],
      ['review.enterprise', (p) => p.enterprise.name],
      ['persons.passState', (p) => stateBadge('passState', p.state)],
      ['persons.lastChange', (p) => (last(p) ? [formatTime(last(p).at), ' ', last(p).causeText,
        last(p).reason ? t('persons.because', { reason: last(p).reason }) : ''] : '—')],
      ['persons.validity', (p) => (p.state === 'REVOKED' ? '—' : t('applications.expires', { at: formatTime(p.expiresAt) }))],
    ], held.passes, 'persons.noPasses'),
    table('persons.applications', [
      ['applications.corridor', (a) => corridorName(a.corridor)],
      ['review.enterprise', (a) => a.enterprise.name],
      ['applications.submittedAt', (a) => formatTime(a.submittedAt)],
      ['applications.standing', (a) => standing(a)],
      ['applications.detail', (a) => detail(a)],
    ], held.applications, 'persons.noApplications'));
}

export function personCard(person) {
  const c = person.colour || {};
  return h('div', { class: 'card person' },
    h('h3', {}, person.name),
    h('dl', { class: 'facts' },
      h('dt', {}, t('persons.idNumber')), h('dd', { class: 'mono' }, person.maskedIdNumber),
      h('dt', {}, t('persons.phone')), h('dd', { class: 'mono' }, person.maskedPhone),
      h('dt', {}, t('persons.colour')), h('dd', {}, colourBadge(c.colour)),
      h('dt', {}, t('persons.rule')), h('dd', {}, h('code', {}, c.ruleId || '—'), c.ruleVersion ? ` · ${t('persons.ruleVersion', { v: c.ruleVersion })}` : ''),
      h('dt', {}, t('persons.summary')), h('dd', {}, c.summary || '—'),
      c.greenFrom ? [h('dt', {}, t('persons.greenFrom')), h('dd', {}, c.greenFrom)] : null),
    c.findings && c.findings.length ? h('ul', { class: 'findings' }, c.findings.map((f) =>
      h('li', {}, colourBadge(f.colour), ' ', h('code', {}, f.ruleId), ' — ', f.text))) : null);
}

async function show(target, person) {
  const admin = session() && session().role === 'ADMIN';
  const held = admin ? await get(`/admin/persons/${person.personId}/passes`) : null;
  clear(target);
  target.append(section('persons.result',
    personCard(person),
    held ? passesOf(held) : null,
    table('persons.flags', [
      ['persons.flag', (f) => t(`flag.${f.flag}`)],
      ['persons.effectiveAt', (f) => formatTime(f.effectiveAt)],
      ['common.reason', (f) => f.reason],
      ['persons.setAt', (f) => formatTime(f.setAt)],
    ], person.flags, 'persons.noFlags'),
    admin ? form({ class: 'card', id: 'flag-form' }, [
      h('h3', {}, t('persons.setFlag')),
      field('persons.flag', select('flag', FLAGS)),
      field('persons.effectiveAt', input('effectiveAt', { type: 'datetime-local' }), 'persons.effectiveHint'),
      field('common.reason', textarea('reason', { required: true })),
    ], async (el) => {
      const r = await post(`/admin/persons/${person.personId}/flags`, {
        flag: value(el, 'flag'), effectiveAt: instant(el, 'effectiveAt'), reason: value(el, 'reason') || '',
      });
      announce(t('persons.flagged', { flag: t(`flag.${r.flag}`), colour: t(`colour.${r.colour}`) }));
      await show(target, await get(`/admin/persons/${person.personId}`));
    }, 'persons.saveFlag') : null,
    admin ? h('p', {}, h('a', { href: `#/exposure?personId=${person.personId}` }, t('persons.toExposure'))) : null));
}
