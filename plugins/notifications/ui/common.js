/**
 * What the notifications pages share: element building, the plugin's routes and actions, and
 * the city's calendar day. Text is set with textContent, never parsed as HTML.
 */
import { dateLocale, pageLanguage, TEXT } from './text.js';

export const BASE = '/api/plugins/notifications';

/** The element's texts: the portal's language (`language` property) when the pages speak it, else Japanese. */
export function text(element) {
  return TEXT[pageLanguage(element.language)];
}

export function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (/^aria[A-Z]/.test(name)) {
      node.setAttribute(`aria-${name.slice(4).toLowerCase()}`, value);
    } else if (name === 'role' || name.startsWith('data-')) {
      node.setAttribute(name, value);
    } else {
      node[name] = value;
    }
  }
  node.append(...children);
  return node;
}

export async function getJson(path) {
  const response = await fetch(`${BASE}${path}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export async function send(method, path) {
  const response = await fetch(`${BASE}${path}`, { method, credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export async function act(name, body, language) {
  const response = await fetch(`/api/actions/notifications.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'en' ? 'en' : 'ja' },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, body: await response.json().catch(() => ({})) };
}

/** Today in Asia/Tokyo as YYYY-MM-DD, wherever the device is. */
export function cityToday() {
  return new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
}

/** A day's date shown in the reader's language. */
export function dayLabel(day, language, options = { year: 'numeric', month: 'long', day: 'numeric' }) {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(dateLocale(language), {
    ...options,
    timeZone: 'UTC',
  });
}

let ids = 0;
/** An id unique in the document, for label/input pairs. */
export function uniqueId(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}
