// Enterprise registration (no login): name, unified social credit code and a password; the new
// account is logged in straight away and lands on its employees.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { registerEnterprise } from '../api.js';
import { page, form, field, input, value, announce } from '../ui.js';

export async function render(main) {
  const name = input('name', { maxlength: 100, autocomplete: 'organization' });
  page(main, 'register.title',
    h('p', {}, t('register.intro')),
    form({ class: 'card narrow', id: 'register-form' }, [
      field('register.name', name),
      field('register.creditCode', input('creditCode', { maxlength: 18, autocomplete: 'username', spellcheck: 'false' }), 'register.creditCodeHint'),
      field('register.password', input('password', { type: 'password', autocomplete: 'new-password' }), 'register.passwordHint'),
    ], async (el) => {
      const tokens = await registerEnterprise({
        name: value(el, 'name') || '',
        creditCode: (value(el, 'creditCode') || '').toUpperCase(),
        password: el.elements.password.value,
      });
      announce(t('register.done', { role: t(`role.${tokens.role}`) }));
      location.hash = '#/employees';
    }, 'register.submit'),
    h('p', {}, h('a', { href: '#/' }, t('register.toLogin'))));
}
