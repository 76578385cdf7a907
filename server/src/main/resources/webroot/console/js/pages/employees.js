// Enterprise: employees (add one, see each with their letters and commitments, end an employment),
// and the work letters and enterprise commitments issued to them, which can be ended with a reason.
import { h, clear } from '../dom.js';
import { t, formatTime } from '../i18n.js';
import { get, post, put } from '../api.js';
import { page, section, form, field, input, select, textarea, value, table, announce, reasonAction, stateBadge, rerender } from '../ui.js';

export async function allEmployees() {
  const employees = [];
  let after = null;
  do {
    const pageOf = await get(`/enterprise/employees?limit=500${after ? `&after=${after}` : ''}`);
    employees.push(...pageOf.employees);
    after = pageOf.next;
  } while (after && employees.length < 5000);
  return employees;
}

export async function render(main, params) {
  const employees = await allEmployees();
  const detail = h('div', { id: 'employee-detail' });
  const current = employees.filter((e) => e.state === 'ACTIVE');
  page(main, 'nav.employees',
    h('p', {}, t('employees.intro'), ' ', h('a', { href: '#/import' }, t('employees.toImport'))),
    h('details', { class: 'card', open: employees.length === 0 }, h('summary', {}, t('employees.add')), addForm()),
    table('employees.list', [
      ['employees.name', (e) => h('a', { href: `#/employees?id=${e.id}` }, e.name)],
      ['employees.idNumber', (e) => h('span', { class: 'mono' }, e.maskedIdNumber)],
      ['employees.kind', (e) => (e.kind === 'PARTNER_WORKER' ? t('employees.partnerWorker', { region: e.homeRegion }) : t('employees.resident'))],
      ['employees.state', (e) => stateBadge('employeeState', e.state)],
      ['employees.addedAt', (e) => formatTime(e.addedAt)],
    ], employees, 'employees.none'),
    h('p', { class: 'meta' }, t('employees.count', { n: current.length, all: employees.length })),
    detail);
  const id = params.get('id');
  const chosen = id && employees.find((e) => e.id === id);
  if (chosen) await showEmployee(detail, chosen);
}

function addForm() {
  return form({ id: 'employee-form' }, [
    field('employees.name', input('name', { maxlength: 50 })),
    field('employees.idNumber', input('idNumber', { maxlength: 18, spellcheck: 'false' }), 'employees.idHint'),
    field('employees.homeRegion', input('homeRegion', { maxlength: 6, inputmode: 'numeric' }), 'employees.homeRegionHint'),
  ], async (el) => {
    const body = { name: value(el, 'name') || '', idNumber: (value(el, 'idNumber') || '').toUpperCase() };
    if (value(el, 'homeRegion')) body.homeRegion = value(el, 'homeRegion');
    const e = await post('/enterprise/employees', body);
    el.reset();
    announce(t('employees.added', { name: e.name }));
    location.hash = `#/employees?id=${e.id}`;
  }, 'employees.addSubmit');
}

async function showEmployee(target, e) {
  const documents = await get(`/enterprise/documents?employeeId=${e.id}`);
    clear(target);
  target.append(section('employees.detail',
    h('h3', {}, e.name),
    h('dl', { class: 'facts' },
      h('dt', {}, t('employees.idNumber')), h('dd', { class: 'mono' }, e.maskedIdNumber),
      h('dt', {}, t('employees.state')), h('dd', {}, stateBadge('employeeState', e.state),
        e.endedReason ? ` ${t('employees.endedBecause', { at: formatTime(e.endedAt), reason: e.endedReason })}` : '')),
    e.state === 'ACTIVE' ? [
      h('details', { class: 'card' }, h('summary', {}, t('employees.edit')), editForm(e)),
      form({ class: 'card', id: 'document-form' }, [
        h('h4', {}, t('documents.issue')),
        field('documents.kind', select('kind', [['WORK_LETTER', 'proofKind.WORK_LETTER'], ['ENTERPRISE_COMMITMENT', 'proofKind.ENTERPRISE_COMMITMENT']])),
        field('documents.validUntil', input('validUntil', { type: 'date' }), 'documents.validUntilHint'),
        field('documents.statement', textarea('statement', { maxlength: 2000 }), 'documents.statementHint'),
      ], async (el) => {
        const body = { kind: value(el, 'kind'), employeeId: e.id };
        if (value(el, 'validUntil')) body.validUntil = new Date(`${value(el, 'validUntil')}T23:59:59`).toISOString();
        if (value(el, 'statement')) body.statement = value(el, 'statement');
        const d = await post('/enterprise/documents', body);
        announce(t('documents.issued', { kind: t(`proofKind.${d.kind}`), name: e.name }));
        rerender();
      }, 'documents.issueSubmit'),
      h('div', { class: 'row-actions', id: 'departure' }, reasonAction('employees.end', t('employees.endLabel', { name: e.name }), 'employees.endSubmit',
        async (reason) => {
          await post(`/enterprise/employees/${e.id}/departure`, { reason });
          announce(t('employees.ended', { name: e.name }));
          rerender();
        })),
    ] : null,
    table('documents.list', [
      ['documents.kind', (d) => t(`proofKind.${d.kind}`)],
      ['documents.state', (d) => [stateBadge('proofState', d.state), d.revokedReason ? ` ${d.revokedReason}` : '']],
      ['documents.issuedAt', (d) => formatTime(d.issuedAt)],
      ['documents.validUntil', (d) => formatTime(d.validUntil)],
      ['documents.actions', (d) => (d.state !== 'ACTIVE' ? '—' : reasonAction('documents.revoke',
        t('documents.revokeLabel', { kind: t(`proofKind.${d.kind}`), name: e.name }), 'documents.revokeSubmit', async (reason) => {
          const r = await post(`/enterprise/documents/${d.id}/revocation`, { reason });
          announce(t('documents.revoked', { n: r.passesRevoked || 0 }));
          rerender();
        }))],
    ], documents, 'documents.none')));
}

function editForm(e) {
  const name = input('name', { maxlength: 50, value: e.name });
  const fields = [h('p', { class: 'hint' }, t('employees.editHint')), field('employees.name', name)];
  if (e.kind === 'PARTNER_WORKER') {
    fields.push(field('employees.homeRegion', input('homeRegion', { maxlength: 6, inputmode: 'numeric', value: e.homeRegion || '' }),
      'employees.homeRegionHint'));
  }
  return form({ id: 'employee-edit-form' }, fields, async (el) => {
    const body = { name: value(el, 'name') || '' };
    if (e.kind === 'PARTNER_WORKER' && value(el, 'homeRegion')) body.homeRegion = value(el, 'homeRegion');
    const changed = await put(`/enterprise/employees/${e.id}`, body);
    announce(t('employees.edited', { name: changed.name }));
    rerender();
  }, 'employees.editSubmit');
}
