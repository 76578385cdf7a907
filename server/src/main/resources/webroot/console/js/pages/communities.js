// Residential communities: add one, see who serves it, and assign a community-staff account to it
// (the desk issues permits only to residents of its own community).
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { get, post, put } from '../api.js';
import { page, section, form, field, input, textarea, value, table, announce, rerender } from '../ui.js';

export async function render(main) {
  const [communities, staff] = await Promise.all([get('/communities'), get('/admin/staff')]);
  const desk = staff.filter((s) => s.role === 'COMMUNITY_STAFF');
  const serving = (c) => desk.filter((s) => s.community && s.community.code === c.code);
  page(main, 'nav.communities',
    h('p', {}, t('communities.intro')),
    table('communities.list', [
      ['communities.name', (c) => c.name],
      ['communities.code', (c) => h('span', { class: 'mono' }, c.code)],
      ['communities.staff', (c) => (serving(c).length
        ? h('ul', { class: 'plain' }, serving(c).map((s) => h('li', {}, `${s.displayName} (${s.username})`)))
        : h('span', { class: 'warn' }, t('communities.nobody')))],
    ], communities, 'communities.none'),
    h('details', { class: 'card', open: communities.length === 0 }, h('summary', {}, t('communities.add')), addForm()),
    section('communities.assign', communities.length === 0 || desk.length === 0
      ? h('p', { class: 'empty' }, t(communities.length === 0 ? 'communities.assignNoCommunity' : 'communities.assignNoStaff'),
        ' ', h('a', { href: '#/staff' }, t('communities.toStaff')))
      : assignForm(communities, desk)));
}

function addForm() {
  return form({ id: 'community-form' }, [
    field('communities.code', input('code', { maxlength: 12, inputmode: 'numeric', spellcheck: 'false' }), 'communities.codeHint'),
    field('communities.name', input('name', { maxlength: 100 })),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const body = { code: value(el, 'code') || '', name: value(el, 'name') || '' };
    if (value(el, 'reason')) body.reason = value(el, 'reason');
    const c = await post('/admin/communities', body);
    announce(t('communities.added', { name: c.name }));
    rerender();
  }, 'communities.addSubmit');
}

function assignForm(communities, desk) {
  return form({ class: 'card', id: 'assign-form' }, [
    field('communities.staffMember', h('select', { name: 'staff' }, desk.map((s) => h('option', { value: s.accountId },
      `${s.displayName} (${s.username})${s.community ? ` — ${s.community.name}` : ` — ${t('communities.unassigned')}`}`)))),
    field('communities.community', h('select', { name: 'communityCode' },
      communities.map((c) => h('option', { value: c.code }, `${c.name} (${c.code})`)))),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const body = { communityCode: value(el, 'communityCode') };
    if (value(el, 'reason')) body.reason = value(el, 'reason');
    const r = await put(`/admin/staff/${value(el, 'staff')}/community`, body);
    const who = desk.find((s) => s.accountId === r.accountId);
    announce(t('communities.assigned', { name: who ? who.displayName : '', community: r.community.name }));
    rerender();
  }, 'communities.assignSubmit', { accountId: 'staff' });
}
