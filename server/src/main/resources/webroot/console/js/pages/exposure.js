// Exposure query: who passed the checkpoints a case passed within ±T minutes; flag them in one step.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { post } from '../api.js';
import { page, section, form, field, input, textarea, value, instant, table, announce } from '../ui.js';

export async function render(main, params) {
  const result = h('div', { id: 'exposure-result' });
  page(main, 'nav.exposure',
    h('p', {}, t('exposure.intro')),
    form({ class: 'card', id: 'exposure-form' }, [
      field('exposure.personId', input('personId', { value: params.get('personId') || '', maxlength: 36 }), 'exposure.personHint'),
      field('exposure.issuer', input('issuer', { maxlength: 6, inputmode: 'numeric' })),
      field('exposure.subject', input('subject', { maxlength: 32 })),
      field('exposure.window', input('windowMinutes', { type: 'number', min: 1, max: 1440, value: '30' })),
      field('exposure.since', input('since', { type: 'datetime-local' })),
      field('common.reason', textarea('reason', { required: true })),
    ], async (el) => {
      const personId = value(el, 'personId');
      const body = {
        case: personId ? { personId } : { issuer: value(el, 'issuer') || '', subject: value(el, 'subject') || '' },
        windowMinutes: Number(value(el, 'windowMinutes') || 30),
        since: instant(el, 'since'),
        reason: value(el, 'reason') || '',
      };
      show(result, await post('/admin/exposure-queries', body));
    }, 'exposure.run', { 'case.personId': 'personId', 'case.issuer': 'issuer', 'case.subject': 'subject', case: 'personId' }),
    result);
}

function show(target, q) {
  clear(target);
  target.append(section('exposure.result',
    h('p', {}, t('exposure.summary', { passages: q.casePassages.length, contacts: q.contacts.length, unattributed: q.unattributedScans })),
    table('exposure.passages', [
      ['exposure.checkpoint', (p) => p.checkpointId],
      ['exposure.at', (p) => formatTime(p.at)],
    ], q.casePassages, 'exposure.noPassages'),
    table('exposure.contacts', [
      ['exposure.issuer', (c) => c.issuer],
      ['exposure.subject', (c) => h('code', {}, c.subject)],
      ['exposure.own', (c) => t(c.ownRegion ? 'common.yes' : 'common.no')],
      ['exposure.firstAt', (c) => formatTime(c.firstAt)],
      ['exposure.near', (c) => c.passages.map((p) => `${p.checkpointId} ${p.minutesFromCase >= 0 ? '+' : ''}${p.minutesFromCase}′ ${t(`verdict.${p.outcome}`)}`).join('; ')],
    ], q.contacts, 'exposure.noContacts'),
    q.contacts.some((c) => c.ownRegion) ? form({ class: 'card', id: 'flag-contacts' }, [
      field('common.reason', textarea('reason', { required: true })),
    ], async (el) => {
      const r = await post(`/admin/exposure-queries/${q.queryId}/close-contacts`, { reason: value(el, 'reason') || '' });
      announce(t('exposure.flagged', { n: (r.flagged || []).length }));
      el.replaceWith(h('p', { class: 'done' }, t('exposure.flagged', { n: (r.flagged || []).length })));
    }, 'exposure.flag') : null));
}
