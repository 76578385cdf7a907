// Enterprise: bulk import of employees from a CSV file. The job is created, the file streamed to
// it, and meanwhile the job is polled for its progress (bytes received of expected, rows so far by
// outcome); then the per-row report is shown, in pages. One refused row and nothing is imported.
import { h, clear, uid } from '../dom.js';
import { t, formatNumber, formatTime } from '../i18n.js';
import { get, post, upload } from '../api.js';
import { page, section, form, field, table, announce, showError, stateBadge } from '../ui.js';

const POLL_MS = 150;

export async function render(main, params) {
  const progress = h('div', { id: 'import-progress' });
  const report = h('div', { id: 'import-report' });
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  page(main, 'nav.import',
    h('p', {}, t('import.intro')),
    h('pre', { class: 'card mono', 'aria-label': t('import.example') }, 'name,idNumber,homeRegion\n张三,11010519491231002X,\n李四,131082198805060010,131082\n'),
    form({ class: 'card', id: 'import-form' }, [field('import.file', file, 'import.fileHint')], async (el) => {
      const chosen = file.files[0];
      if (!chosen) throw Object.assign(new Error(t('import.noFile')), { field: 'file' });
      await runImport(chosen, progress, report);
      el.reset();
    }, 'import.submit'),
    progress, report);
  if (params.get('id')) await showReport(report, await get(`/enterprise/employee-imports/${params.get('id')}`));
}

async function runImport(file, progressTarget, reportTarget) {
  clear(reportTarget);
  const job = await post('/enterprise/employee-imports');
  const bar = progressBar(progressTarget, file);
  let finished = false;
  const poll = async () => {
    while (!finished) {
      try {
        bar.update(await get(`/enterprise/employee-imports/${job.id}`));
      } catch (e) {
        // the upload's own answer reports failures; a missed poll only delays the bar
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  const polling = poll();
  let failure = null;
  try {
    await upload(`/enterprise/employee-imports/${job.id}/file`, file, 'text/csv; charset=utf-8');
  } catch (e) {
    failure = e;
  } finally {
    finished = true;
    await polling;
  }
  const done = await get(`/enterprise/employee-imports/${job.id}`);
  bar.update(done);
  await showReport(reportTarget, done, failure);
  if (failure) throw failure;
  announce(t('import.completed', { added: done.added, unchanged: done.unchanged }));
}

function progressBar(target, file) {
  const labelId = uid('progress-label');
  const bar = h('progress', { id: 'import-bar', class: 'progress', max: '1', value: '0', 'aria-labelledby': labelId });
  const label = h('span', { id: labelId }, t('import.progressOf', { file: file.name }));
  const figures = h('p', { class: 'meta', id: 'import-figures', 'aria-live': 'polite' });
  clear(target);
  target.append(h('div', { class: 'card' }, h('div', { class: 'field' }, label, bar), figures));
  return {
    update(job) {
      const fraction = job.progress !== null && job.progress !== undefined ? job.progress
        : (job.state === 'COMPLETED' ? 1 : null);
      if (fraction === null) bar.removeAttribute('value'); else bar.value = fraction;
      bar.dataset.state = job.state;
      clear(figures);
      const rows = job.rows || 0;
      const skipped = rows - (job.added || 0) - (job.unchanged || 0) - (job.rejected || 0);
      figures.append(t('import.figures', {
        state: t(`importState.${job.state}`),
        received: formatNumber(job.bytesReceived || 0),
        expected: job.expectedBytes === null || job.expectedBytes === undefined ? '?' : formatNumber(job.expectedBytes),
        percent: fraction === null ? '?' : Math.round(fraction * 100),
        rows: formatNumber(job.rows || 0),
        added: formatNumber(job.added || 0),
        unchanged: formatNumber(job.unchanged || 0),
        rejected: formatNumber(job.rejected || 0),
      }), skipped > 0 ? ` ${t('import.notImported', { n: formatNumber(skipped) })}` : '');
    },
  };
}

async function showReport(target, job, failure) {
  clear(target);
  const error = h('p', { class: 'error', role: 'alert' });
  if (failure) showError(error, failure);
  const rowsBox = h('div', { id: 'import-rows' });
  target.append(section('import.report',
    h('dl', { class: 'facts' },
      h('dt', {}, t('import.state')), h('dd', {}, stateBadge('importState', job.state)),
      h('dt', {}, t('import.finishedAt')), h('dd', {}, formatTime(job.finishedAt)),
      h('dt', {}, t('import.rows')), h('dd', {}, formatNumber(job.rows || 0)),
      h('dt', {}, t('import.added')), h('dd', {}, formatNumber(job.added || 0)),
      h('dt', {}, t('import.unchanged')), h('dd', {}, formatNumber(job.unchanged || 0)),
      h('dt', {}, t('import.rejected')), h('dd', {}, formatNumber(job.rejected || 0)),
      notImported(job) > 0 ? [h('dt', {}, t('import.skipped')), h('dd', {}, formatNumber(notImported(job)))] : null),
    job.state === 'REJECTED' ? h('p', {}, t('import.rejectedHelp')) : null,
    rowsBox));
  await rowsPage(rowsBox, job, null);
}

/** Rows read but neither added, unchanged nor refused: the good rows of a refused file. */
function notImported(job) {
  return (job.rows || 0) - (job.added || 0) - (job.unchanged || 0) - (job.rejected || 0);
}

async function rowsPage(box, job, after) {
  const query = new URLSearchParams({ limit: '200' });
  if (job.state === 'REJECTED') query.set('outcome', 'REJECTED');
  if (after !== null) query.set('after', String(after));
  const r = await get(`/enterprise/employee-imports/${job.id}/rows?${query}`);
  const more = r.next !== null && r.next !== undefined
    ? h('button', { type: 'button', class: 'secondary', onclick: async (event) => { event.target.remove(); await rowsPage(box, job, r.next); } }, t('import.more'))
    : null;
  box.append(table(job.state === 'REJECTED' ? 'import.refusedRows' : 'import.allRows', [
    ['import.line', (row) => formatNumber(row.row)],
    ['import.outcome', (row) => stateBadge('rowOutcome', row.outcome)],
    ['import.field', (row) => (row.field ? t(`import.column.${row.field}`) : '—')],
    ['import.message', (row) => [row.message || '', row.duplicateOf ? ` ${t('import.duplicateOf', { line: row.duplicateOf })}` : '']],
  ], r.rows, 'import.noRows'));
  if (more) box.append(more);
}
