// Checkpoints and devices: register, set the policy, issue enrollment codes, see each device's
// last sync and upload, missing records, and the scan-log gaps.
import { h, clear } from '../dom.js';
import { t, formatTime, formatNumber } from '../i18n.js';
import { get, post, put, del } from '../api.js';
import { page, section, form, field, input, select, textarea, checks, checkedValues, value, table, announce, reasonAction } from '../ui.js';
import { corridorName } from './applications.js';

const DIRECTIONS = [['BOTH', 'direction.BOTH'], ['INBOUND', 'direction.INBOUND'], ['OUTBOUND', 'direction.OUTBOUND']];
const KINDS = [['HEALTH_CODE', 'kind.HEALTH_CODE'], ['COMMUTER_PASS', 'kind.COMMUTER_PASS']];
const COLOURS = [['GREEN', 'colour.GREEN'], ['YELLOW', 'colour.YELLOW'], ['RED', 'colour.RED']];

export async function render(main, params) {
  const [list, corridors] = await Promise.all([get('/admin/checkpoints'), get('/corridors')]);
  const onCorridor = params.get('corridor');
  const detail = h('div', { id: 'checkpoint-detail' });
  page(main, 'nav.checkpoints',
    table('checkpoints.list', [
      ['checkpoints.id', (c) => h('a', { href: `#/checkpoints?id=${encodeURIComponent(c.id)}` }, c.id)],
      ['checkpoints.name', (c) => `${c.nameZh} / ${c.nameEn}`],
      ['checkpoints.region', (c) => c.region],
      ['checkpoints.corridor', (c) => corridorLabel(corridors, c.corridorId)],
      ['checkpoints.direction', (c) => t(`direction.${c.direction}`)],
      ['checkpoints.policyVersion', (c) => c.policyVersion],
      ['checkpoints.officers', (c) => c.officerCount],
      ['checkpoints.devices', (c) => c.activeDeviceCount],
    ], list, 'checkpoints.none'),
    detail,
    h('details', { class: 'card', open: list.length === 0 || Boolean(onCorridor) },
      h('summary', {}, t('checkpoints.register')), registerForm(corridors, onCorridor)));
  if (params.get('id')) await showCheckpoint(detail, params.get('id'));
}

function corridorLabel(corridors, id) {
  if (!id) return t('checkpoints.noCorridor');
  const c = corridors.find((x) => x.id === id);
  return c ? corridorName(c) : id;
}

function registerForm(corridors, onCorridor) {
  return form({ id: 'checkpoint-form' }, [
    field('checkpoints.id', input('id', { maxlength: 64 }), 'checkpoints.idHint'),
    field('checkpoints.nameZh', input('nameZh', { maxlength: 100 })),
    field('checkpoints.nameEn', input('nameEn', { maxlength: 100, lang: 'en' })),
    field('checkpoints.region', input('region', { maxlength: 6, inputmode: 'numeric' })),
    field('checkpoints.corridor', h('select', { name: 'corridorId', value: onCorridor || '' },
      h('option', { value: '' }, t('checkpoints.noCorridor')),
      corridors.map((c) => h('option', { value: c.id }, corridorName(c))))),
    field('checkpoints.location', input('location', { maxlength: 200 })),
    field('checkpoints.direction', select('direction', DIRECTIONS)),
    field('common.reason', textarea('reason')),
  ], async (el) => {
    const body = {};
    for (const name of ['id', 'nameZh', 'nameEn', 'region', 'corridorId', 'location', 'direction', 'reason']) body[name] = value(el, name);
    const c = await post('/admin/checkpoints', body);
    announce(t('checkpoints.registered', { id: c.id }));
    location.hash = `#/checkpoints?id=${encodeURIComponent(c.id)}`;
  }, 'checkpoints.registerSubmit');
}

async function showCheckpoint(target, id) {
  const [c, gaps, staff] = await Promise.all([get(`/admin/checkpoints/${encodeURIComponent(id)}`),
    get(`/admin/scan-log/gaps?checkpointId=${encodeURIComponent(id)}`), get('/admin/staff')]);
  const unbound = staff.filter((s) => s.role === 'OFFICER' && !c.officers.some((o) => o.accountId === s.accountId));
  const p = c.policy;
  const code = h('div', { 'aria-live': 'polite', id: 'enrollment-code' });
  clear(target);
  target.append(section('checkpoints.detail',
    h('h3', {}, `${c.nameZh} · ${c.nameEn} (${c.id})`),
    h('p', {}, `${c.location} · ${t(`direction.${c.direction}`)} · ${c.corridorId ? t('checkpoints.onCorridor', { id: c.corridorId })
      : t('checkpoints.noCorridor')} · ${t('checkpoints.policyVersionN', { v: p.version })}`),
    form({ class: 'card', id: 'policy-form' }, [
      h('h4', {}, t('checkpoints.policy')),
      checks('checkpoints.kinds', 'acceptedKinds', KINDS, p.acceptedKinds),
      checks('checkpoints.colours', 'acceptedColours', COLOURS, p.acceptedColours),
      field('checkpoints.holderProof', select('holderProof', [['OPTIONAL', 'holderProof.OPTIONAL'], ['REQUIRED', 'holderProof.REQUIRED']], { value: p.holderProof })),
      field('checkpoints.maxStatusAge', input('maxStatusAgeSeconds', { type: 'number', min: 60, max: 604800, value: String(p.maxStatusAgeSeconds) })),
      field('common.reason', textarea('reason')),
    ], async (el) => {
      const policy = {
        acceptedKinds: checkedValues(el, 'acceptedKinds'),
        acceptedColours: checkedValues(el, 'acceptedColours'),
        holderProof: value(el, 'holderProof'),
        maxStatusAgeSeconds: Number(value(el, 'maxStatusAgeSeconds')),
      };
      const r = await put(`/admin/checkpoints/${encodeURIComponent(c.id)}/policy`, { policy, reason: value(el, 'reason') });
      announce(t('checkpoints.policySaved', { v: r.version }));
      await showCheckpoint(target, id);
    }, 'checkpoints.savePolicy', { policy: 'acceptedKinds', 'policy.acceptedColours': 'acceptedColours',
      'policy.holderProof': 'holderProof', 'policy.maxStatusAgeSeconds': 'maxStatusAgeSeconds' }),
    table('checkpoints.officerList', [
      ['staff.name', (o) => o.displayName],
      ['staff.username', (o) => h('span', { class: 'mono' }, o.username)],
      ['checkpoints.boundAt', (o) => formatTime(o.boundAt)],
      ['checkpoints.actions', (o) => reasonAction('checkpoints.unbind', t('checkpoints.unbindLabel', { name: o.displayName }),
        'checkpoints.unbindSubmit', async (reason) => {
          await del(`/admin/checkpoints/${encodeURIComponent(c.id)}/officers/${o.accountId}?${new URLSearchParams({ reason })}`);
          await showCheckpoint(target, id);
        })],
    ], c.officers, 'checkpoints.noOfficers'),
    unbound.length ? form({ class: 'card', id: 'officer-form' }, [
      h('h4', {}, t('checkpoints.bind')),
      field('checkpoints.officer', h('select', { name: 'officer' },
        unbound.map((o) => h('option', { value: o.accountId }, `${o.displayName} (${o.username})`)))),
      field('common.reason', textarea('reason', { maxlength: 500 })),
    ], async (el) => {
      await put(`/admin/checkpoints/${encodeURIComponent(c.id)}/officers/${value(el, 'officer')}`, { reason: value(el, 'reason') || '' });
      announce(t('checkpoints.bound'));
      await showCheckpoint(target, id);
    }, 'checkpoints.bindSubmit', { officerId: 'officer' }) : h('p', { class: 'meta' }, t('checkpoints.noOfficerToBind'), ' ',
      h('a', { href: '#/staff' }, t('staff.create'))),
    form({ class: 'card', id: 'enrollment-form' }, [
      h('h4', {}, t('checkpoints.enrollment')),
      field('common.reason', textarea('reason')),
    ], async (el) => {
      const r = await post(`/admin/checkpoints/${encodeURIComponent(c.id)}/enrollment-codes`, { reason: value(el, 'reason') });
      clear(code);
      code.append(h('p', { class: 'code-once' }, t('checkpoints.codeOnce'), ' ', h('strong', { class: 'mono' }, r.code), ' ',
        t('checkpoints.codeExpires', { at: formatTime(r.expiresAt) })));
      el.reset();
    }, 'checkpoints.issueCode'),
    code,
    table('checkpoints.deviceList', [
      ['checkpoints.device', (d) => d.label || d.deviceId.slice(0, 8)],
      ['checkpoints.enrolledAt', (d) => formatTime(d.enrolledAt)],
      ['checkpoints.lastSync', (d) => formatTime(d.lastSeenAt)],
      ['checkpoints.lastUpload', (d) => formatTime(d.lastUploadAt)],
      ['checkpoints.maxSequence', (d) => formatNumber(d.maxSequence)],
      ['checkpoints.missing', (d) => formatNumber(d.missingRecords)],
      ['checkpoints.state', (d) => (d.disabledAt ? t('checkpoints.disabled', { at: formatTime(d.disabledAt) }) : t('checkpoints.active'))],
      ['checkpoints.actions', (d) => (d.disabledAt ? '—' : reasonAction('checkpoints.disable',
        t('checkpoints.disableDevice', { device: d.label || d.deviceId.slice(0, 8) }), 'checkpoints.disableSubmit', async (reason) => {
          await post(`/admin/checkpoint-devices/${d.deviceId}/disable`, { reason });
          await showCheckpoint(target, id);
        }))],
    ], c.devices, 'checkpoints.noDevices'),
    table('checkpoints.gaps', [
      ['checkpoints.device', (g) => g.label || g.deviceId.slice(0, 8)],
      ['checkpoints.gapRange', (g) => `${g.from}–${g.to}`],
      ['checkpoints.missing', (g) => formatNumber(g.missing)],
      ['checkpoints.openSince', (g) => formatTime(g.openSince)],
    ], gaps.gaps, 'checkpoints.noGaps')));
}
