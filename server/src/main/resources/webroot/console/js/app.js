// The console shell: language, login, navigation by role, and a hash router that loads one page
// module at a time (#/dashboard, #/risk, ...). Every page renders into <main> from the JSON API.
import { h, clear } from './dom.js';
import { load, t, other, language } from './i18n.js';
import { session, login, logout } from './api.js';
import { form, field, input, page, announce, unannounce } from './ui.js';

const PAGES = [
  { path: 'register', role: 'PUBLIC', titleKey: 'register.title', module: './pages/register.js' },
  { path: 'employees', role: 'ENTERPRISE', titleKey: 'nav.employees', module: './pages/employees.js' },
  { path: 'import', role: 'ENTERPRISE', titleKey: 'nav.import', module: './pages/import.js' },
  { path: 'applications', role: 'ENTERPRISE', titleKey: 'nav.applications', module: './pages/applications.js' },
  { path: 'permits', role: 'COMMUNITY_STAFF', titleKey: 'nav.permits', module: './pages/permits.js' },
  { path: 'desk', role: 'COMMUNITY_STAFF', titleKey: 'nav.desk', module: './pages/desk.js' },
  { path: 'persons', role: 'COMMUNITY_STAFF', titleKey: 'nav.persons', module: './pages/persons.js' },
  // in English the navigation names these two without their Chinese names, which their pages' titles give
  { path: 'dashboard', role: 'ADMIN', titleKey: 'nav.dashboard', navKey: 'nav.short.dashboard', module: './pages/dashboard.js' },
  { path: 'risk', role: 'ADMIN', titleKey: 'nav.risk', navKey: 'nav.short.risk', module: './pages/risk.js' },
  { path: 'persons', role: 'ADMIN', titleKey: 'nav.persons', module: './pages/persons.js' },
  { path: 'review', role: 'ADMIN', titleKey: 'nav.review', module: './pages/review.js' },
  { path: 'corridors', role: 'ADMIN', titleKey: 'nav.corridors', module: './pages/corridors.js' },
  { path: 'communities', role: 'ADMIN', titleKey: 'nav.communities', module: './pages/communities.js' },
  { path: 'staff', role: 'ADMIN', titleKey: 'nav.staff', module: './pages/staff.js' },
  { path: 'checkpoints', role: 'ADMIN', titleKey: 'nav.checkpoints', module: './pages/checkpoints.js' },
  { path: 'partners', role: 'ADMIN', titleKey: 'nav.partners', module: './pages/partners.js' },
  { path: 'notices', role: 'ADMIN', titleKey: 'nav.notices', module: './pages/notices.js' },
  { path: 'exposure', role: 'ADMIN', titleKey: 'nav.exposure', module: './pages/exposure.js' },
  { path: 'audit', role: 'ADMIN', titleKey: 'nav.audit', module: './pages/audit.js' },
];

const HOME = { ADMIN: 'dashboard', ENTERPRISE: 'employees', COMMUNITY_STAFF: 'permits' };

/** Where a session that ended left the person: login brings them back there. */
const RETURN_TO = 'tongxing.returnTo';
let sessionEnded = false;

export function addPages(pages, home) {
  PAGES.push(...pages);
  Object.assign(HOME, home);
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query] = hash.split('?');
  return { path, params: new URLSearchParams(query || '') };
}

export function go(path, params) {
  const query = params ? `?${new URLSearchParams(params)}` : '';
  location.hash = `#/${path}${query}`;
}

function renderChrome(s) {
  document.getElementById('brand').textContent = t('app.name');
  document.getElementById('skip').textContent = t('app.skip');
  const langButton = document.getElementById('lang');
  langButton.textContent = t('app.otherLanguage');
  langButton.setAttribute('lang', other());
  const nav = clear(document.getElementById('nav'));
  nav.setAttribute('aria-label', t('app.navigation'));
  const logoutButton = document.getElementById('logout');
  logoutButton.textContent = t('app.logout');
  logoutButton.hidden = !s;
  document.getElementById('who').textContent = s ? t(`role.${s.role}`) : '';
  if (!s) return;
  const current = route().path;
  nav.append(h('ul', {}, PAGES.filter((p) => p.role === s.role).map((p) =>
    h('li', {}, h('a', { href: `#/${p.path}`, 'aria-current': current === p.path ? 'page' : null, onclick: unannounce },
      t(p.navKey || p.titleKey))))));
}

function loginPage(main) {
  const name = input('login', { autocomplete: 'username', required: true });
  const password = input('password', { type: 'password', autocomplete: 'current-password', required: true });
  page(main, 'login.title',
    sessionEnded ? h('p', { class: 'notice', role: 'alert', id: 'session-ended' }, t('login.sessionEnded')) : null,
    h('p', {}, t('login.intro')),
    form({ class: 'card narrow', id: 'login-form' }, [field('login.name', name, 'login.nameHint'), field('login.password', password)],
      async (el) => {
        const tokens = await login(el.elements.login.value.trim(), el.elements.password.value);
        const home = HOME[tokens.role];
        if (!home) throw new Error(t('login.noConsole'));
        announce(t('login.done', { role: t(`role.${tokens.role}`) }));
        sessionEnded = false;
        const back = sessionStorage.getItem(RETURN_TO);
        sessionStorage.removeItem(RETURN_TO);
        const target = back && PAGES.some((p) => p.role === tokens.role && back.startsWith(`#/${p.path}`)) ? back : `#/${home}`;
        if (location.hash === target) render(); else location.hash = target;
      }, 'login.submit'),
    h('p', {}, h('a', { href: '#/register' }, t('login.registerEnterprise'))));
  name.focus();
}

/** A session that ended under the person: remember the page, and say why the login form is back. */
function ended(event) {
  if (event.detail && event.detail.expired) {
    sessionEnded = true;
    if (location.hash.startsWith('#/') && location.hash.length > 2) sessionStorage.setItem(RETURN_TO, location.hash);
  }
  render();
}

let renders = 0;

function show(main, view) {
  view.id = 'main';
  main.replaceWith(view);
  return view;
}

async function render() {
  renders += 1;
  const mine = renders;
  const stale = () => mine !== renders; // a later render (hash change, language, logout) took over
  const main = document.getElementById('main');
  const s = session();
  renderChrome(s);
  const { path, params } = route();
  if (!s) {
    const publicPage = PAGES.find((p) => p.path === path && p.role === 'PUBLIC');
    if (publicPage) {
      main.removeAttribute('data-ready');
      const module = await import(publicPage.module);
      const view = h('main', { tabindex: '-1' });
      await module.render(view, params);
      if (stale()) return;
      show(main, view).dataset.ready = publicPage.path;
    } else {
      loginPage(main);
    }
    return;
  }
  const target = PAGES.find((p) => p.path === path && p.role === s.role);
  if (!target) {
    if (HOME[s.role]) go(HOME[s.role]); else loginPage(main);
    return;
  }
  clear(main);
  main.append(h('p', { class: 'loading' }, t('common.loading')));
  main.removeAttribute('data-ready');
  try {
    const module = await import(target.module);
    // the page is built apart and shown only if no later render took over meanwhile; it then is
    // <main>, so a page that renders itself again later still writes into the document
    const view = h('main', { tabindex: '-1' });
    await module.render(view, params);
    if (stale()) return;
    show(main, view);
    view.dataset.renderedMs = String(Math.round(performance.now()));
    view.dataset.ready = target.path;
  } catch (e) {
    if (stale()) return;
    clear(main);
    main.append(h('h1', {}, t(target.titleKey)), h('p', { class: 'error', role: 'alert' }, e.message));
  }
}

async function start() {
  await load(language());
  window.addEventListener('hashchange', render);
  window.addEventListener('tongxing:logged-out', ended);
  window.addEventListener('tongxing:rerender', render);
  document.getElementById('lang').addEventListener('click', async () => {
    unannounce();
    await load(other());
    await render();
  });
  document.getElementById('logout').addEventListener('click', async () => {
    unannounce();
    sessionEnded = false;
    sessionStorage.removeItem(RETURN_TO);
    await logout();
    location.hash = '#/';
    await render();
  });
  document.getElementById('skip').addEventListener('click', (event) => {
    event.preventDefault();
    document.getElementById('main').focus();
  });
  await render();
}

start();
