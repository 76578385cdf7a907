// Messages come from messages/<lang>.json; zh-CN is the default, English the other choice.
export const LANGUAGES = ['zh-CN', 'en'];
const KEY = 'tongxing.lang';
let current = LANGUAGES.includes(localStorage.getItem(KEY)) ? localStorage.getItem(KEY) : 'zh-CN';
let messages = {};

export async function load(language = current) {
  const response = await fetch(`messages/${language}.json`, { headers: { accept: 'application/json' } });
  if (!response.ok) throw new Error(`messages/${language}.json: HTTP ${response.status}`);
  messages = await response.json();
  current = language;
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
}

export function language() {
  return current;
}

export function other() {
  return current === 'zh-CN' ? 'en' : 'zh-CN';
}

/** The message for key with {name} placeholders filled; the key itself when missing, so gaps show. */
export function t(key, params) {
  const text = Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (all, name) => (params[name] === undefined ? all : String(params[name])));
}

export function formatTime(iso) {
  if (!iso) return t('common.never');
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function formatNumber(n) {
  return new Intl.NumberFormat(current).format(n);
}

export function formatAge(seconds) {
  if (seconds === null || seconds === undefined) return t('common.never');
  if (seconds < 120) return t('age.seconds', { n: seconds });
  if (seconds < 7200) return t('age.minutes', { n: Math.round(seconds / 60) });
  if (seconds < 172800) return t('age.hours', { n: Math.round(seconds / 3600) });
  return t('age.days', { n: Math.round(seconds / 86400) });
}
