// Staff accounts: admins, checkpoint officers and community staff. Create one (a community-staff
// account goes straight to its community), see where each serves, and give one a new password.
import { h } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, post, put } from '../api.js';
import { page, section, form, field, input, select, textarea, value, table, announce, rerender, panelAction, required } from '../ui.js';

const ROLES = ['COMMUNITY_STAFF', 'OFFICER', 'ADMIN'].map((r) => [r, `role.${r}`]);

export async function render(main) {
  const [staff, communities] = await Promise.all([get('/admin/staff'), get('/communities')]);
  page(main, 'nav.staff',
    h('p', {}, t('staff.intro')),
    table('staff.list', [
      ['staff.name', (s) => s.displayName],
      ['staff.username', (s) => h('span', { class: 'mono' }, s.username)],
      ['staff.role', (s) => t(`role.${s.role}`)],
      ['staff.serves', (s) => serves(s)],
      ['staff.createdAt', (s) => formatTime(s.createdAt)],
      ['staff.actions', (s) => passwordAction(s)],
    ], staff, 'staff.none'),
    section('staff.create', createForm(communities)));
}

function serves(s) {
  if (s.role === 'COMMUNITY_STAFF') {
    return s.community ? s.community.name : [h('span', { class: 'warn' }, t('staff.noCommunity')), ' ',
      h('a', { href: '#/communities' }, t('staff.toCommunities'))];
  }
  if (s.role === 'OFFICER') {
    return s.checkpoints.length ? s.checkpoints.join(t('common.listSeparator'))
      : [h('span', { class: 'warn' }, t('staff.noCheckpoint')), ' ', h('a', { href: '#/checkpoints' }, t('staff.toCheckpoints'))];
  }
  return t('staff.wholeRegion');
}

function passwordAction(s) {
  const label = t('staff.passwordLabel', { name: s.displayName });
  return panelAction('staff.resetPassword', label, () => form({ class: 'card reason-form password-form' }, [
    h('p', { class: 'meta' }, label),
    field('staff.newPassword', input('password', { type: 'password', autocomplete: 'new-password', maxlength: 128 }),
      'staff.passwordHint'),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    if (!value(el, 'reason')) throw required('reason');
    await put(`/admin/staff/${s.accountId}/password`, { password: el.elements.password.value, reason: value(el, 'reason') });
    announce(t('staff.passwordSet', { name: s.displayName }));
    rerender();
  }, 'staff.passwordSubmit'));
}

function createForm(communities) {
  return form({ class: 'card', id: 'staff-form' }, [
    field('staff.username', input('username', { maxlength: 32, autocomplete: 'off', spellcheck: 'false' }), 'staff.usernameHint'),
    field('staff.name', input('displayName', { maxlength: 50 })),
    field('staff.role', select('role', ROLES)),
    field('staff.password', input('password', { type: 'password', autocomplete: 'new-password', maxlength: 128 }), 'staff.passwordHint'),
    field('staff.community', h('select', { name: 'communityCode' }, h('option', { value: '' }, t('staff.communityLater')),
      communities.map((c) => h('option', { value: c.code }, `${c.name} (${c.code})`))), 'staff.communityHint'),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const body = { username: value(el, 'username') || '', displayName: value(el, 'displayName') || '', role: value(el, 'role'),
      password: el.elements.password.value };
    if (value(el, 'reason')) body.reason = value(el, 'reason');
    const created = await post('/admin/staff', body);
    if (created.role === 'COMMUNITY_STAFF' && value(el, 'communityCode')) {
      await put(`/admin/staff/${created.accountId}/community`, { communityCode: value(el, 'communityCode'),
        reason: body.reason || t('staff.assignedOnCreation') });
    }
    announce(t('staff.created', { name: body.displayName, role: t(`role.${created.role}`) }));
    rerender();
  }, 'staff.createSubmit');
}
