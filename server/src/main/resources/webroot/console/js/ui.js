// Small building blocks shared by the pages: labelled fields, forms that report errors next to
// the field the server names, tables, and colour/level badges that always carry words.
import { h, clear, uid } from './dom.js';
import { t, formatNumber } from './i18n.js';

export function announce(text) {
  const status = document.getElementById('status');
  clear(status);
  status.append(text);
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
 * server named (details.field) is marked invalid and focused.
 */
export function form(attrs, children, action, submitKey) {
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
      showError(error, e, el);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

export function showError(target, e, formEl) {
  clear(target);
  target.append(e.field ? t('error.field', { field: e.field, message: e.message }) : e.message);
  if (formEl && e.field) {
    const name = String(e.field).split(/[.[]/)[0];
    const control = formEl.querySelector(`[name="${name}"]`);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.focus();
    }
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

export function section(titleKey, ...children) {
  const id = uid('s');
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, t(titleKey)), children);
}

export function page(main, titleKey, ...children) {
  clear(main);
  document.title = `${t(titleKey)} · ${t('app.name')}`;
  main.append(h('h1', {}, t(titleKey)), ...children.flat());
}

export function num(n) {
  return formatNumber(n || 0);
}

/**
 * A button that opens a small form asking for a reason (a labelled text area) and then runs
 * action(reason); the form closes on success, and a refusal is shown in it.
 */
export function reasonAction(buttonKey, labelText, submitKey, action, attrs = {}) {
  const holder = h('span', { class: 'reason-action' });
  const open = h('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', ...attrs },
    t(buttonKey), h('span', { class: 'sr-only' }, ` — ${labelText}`));
  let panel = null;
  open.addEventListener('click', () => {
    if (panel) {
      panel.remove();
      panel = null;
      open.setAttribute('aria-expanded', 'false');
      return;
    }
    panel = form({ class: 'card reason-form' }, [
      h('p', { class: 'meta' }, labelText),
      field('common.reason', textarea('reason', { maxlength: 500 })),
    ], async (el) => {
      const reason = value(el, 'reason');
      if (!reason) throw Object.assign(new Error(t('common.reasonRequired')), { field: 'reason' });
      await action(reason);
    }, submitKey);
    holder.append(panel);
    open.setAttribute('aria-expanded', 'true');
    panel.querySelector('textarea').focus();
  });
  holder.prepend(open);
  return holder;
}

/** A state in words, styled by how it stands (good, waiting, bad). */
export function stateBadge(prefix, state) {
  const tone = { ACTIVE: 'good', VALID: 'good', APPROVED: 'good', COMPLETED: 'good', ADDED: 'good',
    SUBMITTED: 'wait', SUSPENDED: 'wait', RECEIVING: 'wait', CREATED: 'wait', UNCHANGED: 'wait',
    REJECTED: 'bad', REVOKED: 'bad', EXPIRED: 'bad', ENDED: 'bad', FAILED: 'bad' }[state] || 'wait';
  return h('span', { class: `badge state-${tone}`, 'data-state': state }, t(`${prefix}.${state}`));
}

/** Renders the current page again from the API (after a change it made). */
export function rerender() {
  window.dispatchEvent(new Event('tongxing:rerender'));
}
