// The audit log, newest first, searchable by action, subject or reason; pages backwards.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get } from '../api.js';
import { page, form, field, input, value, table } from '../ui.js';

export async function render(main, params) {
  const q = params.get('q') || '';
  const results = h('div', { id: 'audit-results' });
  page(main, 'nav.audit',
    form({ class: 'card inline', id: 'audit-search', role: 'search' }, [field('audit.search', input('q', { type: 'search', value: q }), 'audit.searchHint')],
      async (el) => {
        const text = value(el, 'q');
        location.hash = text ? `#/audit?q=${encodeURIComponent(text)}` : '#/audit';
      }, 'audit.find'),
    results);
  await more(results, q, null);
}

/** The words for a role or a kind of subject; a kind the console does not know yet shows as it is stored. */
function known(key, stored) {
  const text = t(key);
  return text === key ? stored : text;
}

/**
 * A reason as the person reads it: what someone typed stays as typed; a text the server itself wrote
 * (stored in English, "bulk import", "colour changed (check-in)", "HEALTH_CODE issued") reads in the
 * console's language. The stored text is kept for search.
 */
function reasonOf(stored) {
  if (!stored) return '—';
  const cause = /^colour changed \((.+)\)$/.exec(stored);
  if (cause) return t('auditReason.colourChanged', { cause: reasonOf(cause[1]) });
  const demo = /^demo data: (.+)$/.exec(stored);
  if (demo) return t('auditReason.demo', { what: demo[1] });
  const flag = /^flag ([A-Z_]+) set$/.exec(stored);
  if (flag) return t('auditReason.flagSet', { flag: known(`flag.${flag[1]}`, flag[1]) });
  const level = /^risk level of (\d{6}) set to ([A-Z]+)$/.exec(stored);
  if (level) return t('auditReason.levelSet', { county: level[1], level: known(`level.${level[2]}`, level[2]) });
  const rules = /^rules v(\d+) published$/.exec(stored);
  if (rules) return t('auditReason.rulesPublished', { version: rules[1] });
  const issued = /^([A-Z_]+) issued$/.exec(stored);
  if (issued) return t('auditReason.issued', { kind: known(`proofKind.${issued[1]}`, issued[1]) });
  if (/^[A-Z_]+$/.test(stored)) return known(`passCause.${stored}`, stored);
  return known(`auditReason.${stored}`, stored);
}

async function more(target, q, before) {
  const query = new URLSearchParams({ limit: '50' });
  if (q) query.set('q', q);
  if (before) query.set('before', before);
  const { entries } = await get(`/admin/audit?${query}`);
  if (!before) clear(target);
  target.querySelector('.more')?.remove();
  target.append(table('audit.entries', [
    ['audit.at', (e) => formatTime(e.at)],
    ['audit.actor', (e) => known(`role.${e.actorRole}`, e.actorRole)],
    ['audit.action', (e) => h('code', {}, e.action)],
    ['audit.subject', (e) => `${known(`auditSubject.${e.subjectType}`, e.subjectType)}${e.subjectId ? ` ${e.subjectId}` : ''}`],
    ['common.reason', (e) => reasonOf(e.reason)],
  ], entries, 'audit.none'));
  if (entries.length === 50) {
    target.append(h('button', { type: 'button', class: 'more', onclick: () => more(target, q, entries[entries.length - 1].id) }, t('audit.older')));
  }
}
