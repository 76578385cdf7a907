// Small building blocks shared by the pages: labelled fields, forms that report errors next to
// the field the server names, tables, and colour/level badges that always carry words.
import { h, clear, uid, append } from './dom.js';
import { t, formatNumber } from './i18n.js';

let announced = null;

/** A passing message in the status bar; it leaves after a while, and with the page it belongs to. */
export function announce(text) {
  const status = document.getElementById('status');
  clear(status);
  status.append(text);
  clearTimeout(announced);
  announced = setTimeout(() => clear(status), 8000);
}

export function unannounce() {
  clearTimeout(announced);
  clear(document.getElementById('status'));
}

export function field(labelKey, control, hintKey) {
  const id = control.id || uid('f');
  control.id = id;
  const hint = hintKey ? h('span', { class: 'hint', id: `${id}-hint` }, t(hintKey)) : null;
  if (hint) control.setAttribute('aria-describedby', hint.id);
  return h('div', { class: 'field' }, h('label', { for: id }, t(labelKey)), control, hint);
}

export function input(name, attrs = {}) {
  return h('input', { name, type: 'text', autocomplete: 'off', ...attrs });
}

export function select(name, options, attrs = {}) {
  return h('select', { name, ...attrs },
    options.map(([value, labelKey]) => h('option', { value }, t(labelKey))));
}

export function textarea(name, attrs = {}) {
  return h('textarea', { name, rows: 3, ...attrs });
}

/** A group of checkboxes in a fieldset with a legend. */
export function checks(legendKey, name, options, checked = []) {
  return h('fieldset', { class: 'checks' }, h('legend', {}, t(legendKey)),
    options.map(([value, labelKey]) => {
      const id = uid(name);
      return h('span', { class: 'check' },
        h('input', { type: 'checkbox', id, name, value, checked: checked.includes(value) }),
        h('label', { for: id }, t(labelKey)));
    }));
}

export function checkedValues(form, name) {
  return [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
}

/**
 * A form whose submit calls action(form); its failure is shown in an alert, and the control the
 * server named (details.field) is marked invalid and focused. The alert names that control by its
 * label, never by the API's field name: `fields` maps an API field (or its start, such as
 * 'scope.inbound.kinds') to a control's name where the two differ; otherwise they are the same.
 */
export function form(attrs, children, action, submitKey, fields = {}) {
  const error = h('p', { class: 'error', role: 'alert' });
  const button = h('button', { type: 'submit' }, t(submitKey));
  const el = h('form', { novalidate: true, ...attrs }, children, h('div', { class: 'actions' }, button), error);
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clear(error);
    el.querySelectorAll('[aria-invalid]').forEach((c) => c.removeAttribute('aria-invalid'));
    button.disabled = true;
    try {
      await action(el);
    } catch (e) {
      showError(error, e, el, fields);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

/** The control of formEl an API field names: through `fields` (the longest matching start), else by name. */
export function controlFor(formEl, field, fields = {}) {
  if (!formEl || !field) return null;
  const path = String(field);
  const key = Object.keys(fields).filter((k) => path === k || path.startsWith(`${k}.`) || path.startsWith(`${k}[`))
    .sort((a, b) => b.length - a.length)[0];
  const name = key ? fields[key] : path.split(/[.[]/)[0];
  return formEl.querySelector(`[name="${name}"]`);
}

/** The words a person reads for a control: its label, or its group's legend. */
function labelOf(control) {
  const label = control.id ? document.querySelector(`label[for="${control.id}"]`) : null;
  if (label && !label.closest('.check')) return label.textContent.trim();
  const legend = control.closest('fieldset') && control.closest('fieldset').querySelector('legend');
  return legend ? legend.textContent.trim() : (label ? label.textContent.trim() : null);
}

/**
 * A refusal in the person's words: "密码：至少 10 个字符". The field is named by the label the person
 * sees; a field the form does not show is never named by its API name.
 */
export function showError(target, e, formEl, fields = {}) {
  clear(target);
  const control = e.field ? controlFor(formEl, e.field, fields) : null;
  const label = control ? labelOf(control) : null;
  target.append(label ? t('error.field', { label, message: e.message })
    : e.field ? t('error.unplaced', { message: e.message }) : e.message);
  if (control) {
    control.setAttribute('aria-invalid', 'true');
    control.focus();
  }
}

export function value(formEl, name) {
  const control = formEl.elements.namedItem(name);
  const v = control ? control.value.trim() : '';
  return v === '' ? undefined : v;
}

/** A datetime-local value as an ISO instant, or undefined when empty. */
export function instant(formEl, name) {
  const v = value(formEl, name);
  return v === undefined ? undefined : new Date(v).toISOString();
}

/** columns: [[labelKey, row => text or node]]. */
export function table(captionKey, columns, rows, emptyKey = 'common.none') {
  if (!rows || rows.length === 0) return h('p', { class: 'empty' }, t(emptyKey));
  return h('div', { class: 'table-wrap' }, h('table', {},
    h('caption', {}, t(captionKey)),
    h('thead', {}, h('tr', {}, columns.map(([key]) => h('th', { scope: 'col' }, t(key))))),
    h('tbody', {}, rows.map((row) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(row))))))));
}

export function colourBadge(colour) {
  if (!colour) return h('span', { class: 'badge' }, t('common.unknown'));
  const icon = { GREEN: '✓', YELLOW: '!', RED: '✕' }[colour] || '?';
  return h('span', { class: `badge colour-${colour.toLowerCase()}` }, h('span', { 'aria-hidden': 'true' }, icon), ' ', t(`colour.${colour}`));
}

export function levelBadge(level) {
  return h('span', { class: `badge level-${level.toLowerCase()}` }, t(`level.${level}`));
}

/** A section under its heading; a table captioned as the heading keeps its caption for screen readers only. */
export function section(titleKey, ...children) {
  const id = uid('s');
  const el = h('section', { 'aria-labelledby': id }, h('h2', { id }, t(titleKey)), children);
  el.querySelectorAll('caption').forEach((caption) => {
    if (caption.textContent === t(titleKey)) caption.classList.add('sr-only');
  });
  return el;
}

export function page(main, titleKey, ...children) {
  clear(main);
  document.title = `${t(titleKey)} · ${t('app.name')}`;
  append(main, [h('h1', {}, t(titleKey)), children]);
}

export function num(n) {
  return formatNumber(n || 0);
}

/**
 * A button that opens a small form under it (built by makeForm(done)) and closes it again; the form
 * closes on success, and a refusal is shown in it.
 */
export function panelAction(buttonKey, labelText, makeForm, attrs = {}) {
  const holder = h('span', { class: 'reason-action' });
  const open = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', ...attrs },
    t(buttonKey), h('span', { class: 'sr-only' }, ` — ${labelText}`));
  let panel = null;
  const close = () => {
    if (panel) panel.remove();
    panel = null;
    open.setAttribute('aria-expanded', 'false');
  };
  open.addEventListener('click', () => {
    if (panel) {
      close();
      return;
    }
    panel = makeForm(close);
    holder.append(panel);
    open.setAttribute('aria-expanded', 'true');
    panel.querySelector('input, textarea, select').focus();
  });
  holder.prepend(open);
  return holder;
}

/** A button that opens a small form asking for a reason (a labelled text area), then runs action(reason). */
export function reasonAction(buttonKey, labelText, submitKey, action, attrs = {}) {
  return panelAction(buttonKey, labelText, () => form({ class: 'card reason-form' }, [
    h('p', { class: 'meta' }, labelText),
    field('common.reason', textarea('reason', { maxlength: 500 })),
  ], async (el) => {
    const reason = value(el, 'reason');
    if (!reason) throw required('reason');
    await action(reason);
  }, submitKey), attrs);
}

/** A refusal of an empty field before anything is sent, named like the server's. */
export function required(field) {
  return Object.assign(new Error(t('validation.required')), { field });
}

/** A state in words, styled by how it stands (good, waiting, bad). */
export function stateBadge(prefix, state) {
  const tone = { ACTIVE: 'good', VALID: 'good', APPROVED: 'good', COMPLETED: 'good', ADDED: 'good',
    SUBMITTED: 'wait', SUSPENDED: 'wait', RECEIVING: 'wait', CREATED: 'wait', UNCHANGED: 'wait', PENDING: 'wait',
    DELIVERED: 'good', REFUSED: 'bad', CURRENT: 'good', REPLACED: 'bad', WITHDRAWN: 'bad', INVALID: 'bad',
    REJECTED: 'bad', REVOKED: 'bad', EXPIRED: 'bad', ENDED: 'bad', FAILED: 'bad' }[state] || 'wait';
  return h('span', { class: `badge state-${tone}`, 'data-state': state }, t(`${prefix}.${state}`));
}

/** Renders the current page again from the API (after a change it made). */
export function rerender() {
  window.dispatchEvent(new Event('tongxing:rerender'));
}
