// Notices to partner regions ("5+2"): compose and send a close-contact or release notice, follow each
// message's delivery (state, attempts, the partner's answer), the notices received, and the bulletins
// of major control measures published here or received.
import { h } from '../dom.js';
import { t, formatTime, language } from '../i18n.js';
import { get, post } from '../api.js';
import { page, section, form, field, input, select, textarea, value, instant, table, announce, rerender, stateBadge } from '../ui.js';

const CATEGORIES = ['CLOSE_CONTACT', 'CONFIRMED', 'SECONDARY_CONTACT'].map((c) => [c, `notices.category.${c}`]);

export async function render(main) {
  const [partners, messages, bulletins] = await Promise.all([get('/admin/partners'), get('/admin/federation/messages'),
    get('/admin/bulletins')]);
  const active = partners.filter((p) => p.state === 'ACTIVE');
  const nameOf = (code) => {
    const p = partners.find((x) => x.regionCode === code);
    return p ? `${language() === 'en' ? p.nameEn : p.name} (${code})` : code;
  };
  page(main, 'nav.notices',
    h('p', {}, t('notices.intro')),
    active.length === 0 ? h('p', { class: 'card' }, t('notices.noPartners'), ' ', h('a', { href: '#/partners' }, t('notices.toPartners')))
      : h('div', { class: 'grid2' }, closeContactForm(active), releaseForm(active)),
    section('notices.outbox', table('notices.outbox', [
      ['notices.type', (m) => t(`kind.${m.type}`)],
      ['notices.to', (m) => nameOf(m.to)],
      ['notices.created', (m) => formatTime(m.createdAt)],
      ['notices.delivery', (m) => [stateBadge('messageState', m.state),
        m.state === 'PENDING' && m.nextAttemptAt ? ` ${t('notices.nextAttempt', { at: formatTime(m.nextAttemptAt) })}` : '']],
      ['notices.attempts', (m) => String(m.attempts)],
      ['notices.answer', (m) => answer(m.ack, m.lastError)],
    ], messages.sent, 'notices.noneSent')),
    section('notices.inbox', table('notices.inbox', [
      ['notices.type', (m) => t(`kind.${m.type}`)],
      ['notices.from', (m) => nameOf(m.from)],
      ['notices.received', (m) => formatTime(m.receivedAt)],
      ['notices.handled', (m) => answer(m.ack)],
    ], messages.received, 'notices.noneReceived')),
    section('notices.bulletins',
      table('notices.bulletins', [
        ['notices.origin', (b) => nameOf(b.origin)],
        ['notices.title', (b) => b.title],
        ['notices.text', (b) => b.text],
        ['notices.counties', (b) => (b.counties || []).join(t('common.listSeparator')) || '—'],
        ['notices.effectiveAt', (b) => formatTime(b.effectiveAt)],
      ], bulletins, 'notices.noBulletins'),
      bulletinForm()));
}

/** The partner's answer in words: what it did with the notice, or why delivery has not happened yet. */
function answer(ack, lastError) {
  if (ack && ack.result) {
    return [t(`ack.${ack.result}`), ack.flag ? ` (${t(`flag.${ack.flag}`)})` : '', ack.duplicate ? ` ${t('notices.duplicate')}` : ''];
  }
  return lastError ? t('notices.notYet', { error: lastError }) : '—';
}

function partnerSelect(active) {
  return h('select', { name: 'partnerRegion' },
    active.map((p) => h('option', { value: p.regionCode }, `${language() === 'en' ? p.nameEn : p.name} (${p.regionCode})`)));
}

/** A notice about one person to one partner: the partner, the ID number, what the notice says, and why. */
function noticeForm(active, { id, titleKey, hintKey, fields, path, body }) {
  return form({ class: 'card', id }, [
    h('h2', {}, t(titleKey)),
    h('p', { class: 'hint' }, t(hintKey)),
    field('notices.partner', partnerSelect(active)),
    field('notices.idNumber', input('idNumber', { maxlength: 18, spellcheck: 'false' }), 'notices.idHint'),
    fields,
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const r = await post(path, { partnerRegion: value(el, 'partnerRegion'), idNumber: (value(el, 'idNumber') || '').toUpperCase(),
      ...body(el), reason: value(el, 'reason') || '' });
    el.reset();
    announce(t('notices.queued', { type: t(`kind.${r.type}`), to: r.to }));
    rerender();
  }, 'notices.send');
}

function closeContactForm(active) {
  return noticeForm(active, {
    id: 'close-contact-form', titleKey: 'notices.closeContact', hintKey: 'notices.closeContactHint',
    fields: [field('notices.category', select('category', CATEGORIES)),
      field('notices.date', input('date', { type: 'date' }), 'notices.dateHint')],
    path: '/admin/federation/close-contact-notices',
    body: (el) => ({ category: value(el, 'category'), date: value(el, 'date') || '' }),
  });
}

function releaseForm(active) {
  return noticeForm(active, {
    id: 'release-form', titleKey: 'notices.release', hintKey: 'notices.releaseHint',
    fields: [field('notices.releasedOn', input('releasedOn', { type: 'date' }))],
    path: '/admin/federation/release-notices',
    body: (el) => ({ releasedOn: value(el, 'releasedOn') || '' }),
  });
}

function bulletinForm() {
  return form({ class: 'card', id: 'bulletin-form' }, [
    h('h3', {}, t('notices.publish')),
    field('notices.title', input('title', { maxlength: 200 })),
    field('notices.text', textarea('text', { maxlength: 4000 })),
    field('notices.counties', input('counties'), 'notices.countiesHint'),
    field('notices.effectiveAt', input('effectiveAt', { type: 'datetime-local' }), 'notices.effectiveHint'),
  ], async (el) => {
    const r = await post('/admin/bulletins', {
      title: value(el, 'title') || '', text: value(el, 'text') || '',
      counties: (value(el, 'counties') || '').split(/[\s,，、]+/).filter(Boolean),
      effectiveAt: instant(el, 'effectiveAt') || new Date().toISOString(),
    });
    announce(t('notices.published', { n: r.sentTo.length }));
    rerender();
  }, 'notices.publishSubmit');
}
