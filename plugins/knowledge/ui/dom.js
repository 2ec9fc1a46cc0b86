import { dateLocale } from './language.js';

/** An element with its properties and children; text is set as text, never parsed as HTML. */
export function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

/** JSON from one of the plugin's routes or actions; a refusal throws with its status. */
export async function request(path, { body, language } = {}) {
  const response = await fetch(path, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'same-origin',
    headers: {
      accept: 'application/json',
      'accept-language': language ?? 'ja',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

/** A date and time in the reader's language. */
export function when(iso, language) {
  return new Date(iso).toLocaleString(dateLocale(language), {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  });
}

/** Where the staff portal shows a record. */
export function recordHref(entity, id) {
  return `/staff/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
}
