// The JSON API with the access token from login. Tokens live in this tab's sessionStorage only;
// an expired access token is refreshed once with the rotating refresh token.
import { language } from './i18n.js';

const KEY = 'tongxing.session';

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.message ? body.message : `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.field = body && body.details && body.details.field;
  }
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch (e) {
    return null;
  }
}

function keep(tokens) {
  sessionStorage.setItem(KEY, JSON.stringify({
    accessToken: tokens.accessToken,
    refreshToken: tokens.refreshToken,
    role: tokens.role,
    accountId: tokens.accountId,
  }));
}

export function forget() {
  sessionStorage.removeItem(KEY);
}

async function send(method, path, body, token, contentType) {
  const headers = { accept: 'application/json', 'accept-language': language() };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = contentType || 'application/json';
  const payload = body === undefined || contentType ? body : JSON.stringify(body);
  const response = await fetch(`/api/v1${path}`, {
    method, headers, body: payload, credentials: 'omit', cache: 'no-store',
  });
  if (response.status === 204) return { status: 204, body: null };
  const text = await response.text();
  let parsed = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch (e) {
    parsed = { message: text.slice(0, 200) };
  }
  return { status: response.status, body: parsed };
}

export async function login(name, password) {
  const result = await send('POST', '/auth/login', { login: name, password });
  if (result.status !== 200) throw new ApiError(result.status, result.body);
  keep(result.body);
  return result.body;
}

export async function logout() {
  const s = session();
  forget();
  if (s && s.refreshToken) await send('POST', '/auth/logout', { refreshToken: s.refreshToken }).catch(() => null);
}

async function refresh(s) {
  const result = await send('POST', '/auth/refresh', { refreshToken: s.refreshToken });
  if (result.status !== 200) return null;
  keep({ ...result.body, role: result.body.role || s.role, accountId: result.body.accountId || s.accountId });
  return session();
}

export async function api(method, path, body, contentType) {
  const started = session();
  let s = started;
  let result = await send(method, path, body, s && s.accessToken, contentType);
  if (result.status === 401 && s && s.refreshToken) {
    s = await refresh(s);
    if (s) result = await send(method, path, body, s.accessToken, contentType);
  }
  const current = session();
  if (result.status === 401 && started && current) {
    // the session ended under the person (expired, or revoked elsewhere) — not by their own logout
    // meanwhile: the shell says so and returns here after login
    forget();
    window.dispatchEvent(new CustomEvent('tongxing:logged-out', { detail: { expired: true } }));
  }
  if (result.status >= 400) throw new ApiError(result.status, result.body);
  return result.body;
}

export const get = (path) => api('GET', path);
export const post = (path, body) => api('POST', path, body === undefined ? {} : body);
export const put = (path, body) => api('PUT', path, body);
export const patch = (path, body) => api('PATCH', path, body);
export const del = (path) => api('DELETE', path);
/** Sends a file (a Blob) as the raw request body; the browser streams it with its Content-Length. */
export const upload = (path, file, contentType) => api('PUT', path, file, contentType);

/** Registers an enterprise (no login needed), then logs it in. */
export async function registerEnterprise(body) {
  const result = await send('POST', '/enterprises', body);
  if (result.status !== 201) throw new ApiError(result.status, result.body);
  return login(body.creditCode, body.password);
}
