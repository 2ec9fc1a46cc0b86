/**
 * What the contact centre's elements share: element building (text is always set, never parsed
 * as HTML), the plugin's routes and actions, and client message ids. The portals give plugin
 * modules no socket of their own, so the elements catch up by the last message number they saw
 * — the same call a reconnecting client makes — on a short interval.
 */
export const BASE = '/api/plugins/contact-center';
export const PUBLIC_BASE = '/api/public/contact-center';
export const POLL_MS = 2000;

export function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

export function newClientId() {
  return `c-${crypto.randomUUID()}`;
}

export async function getJson(path, headers = {}) {
  const response = await fetch(path, { credentials: 'same-origin', headers });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

export async function act(name, body, language) {
  const response = await fetch(`/api/actions/contact-center.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language === 'en' ? 'en' : 'ja' },
    body: JSON.stringify(body),
  });
  const answer = await response.json().catch(() => ({}));
  return { ok: response.ok, status: response.status, body: answer.result ?? answer };
}

export async function postJson(path, body, headers = {}) {
  const response = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { ok: response.ok, status: response.status, body: await response.json().catch(() => ({})) };
}

/** Appends messages after the last number shown, skipping any already there: no repeats, no gaps. */
function mergeMessages(shown, incoming) {
  const last = shown.at(-1)?.seq ?? 0;
  return [...shown, ...incoming.filter((message) => message.seq > last)];
}

/**
 * Merges `incoming` into `shown` (see `mergeMessages`) and appends the new ones to the list
 * element `log`, each with its author; returns the merged messages.
 */
export function appendNewMessages(log, shown, incoming, t) {
  const merged = mergeMessages(shown, incoming);
  log.append(
    ...merged
      .slice(shown.length)
      .map((m) =>
        el('li', {}, [
          el('strong', { textContent: `${m.author.name ?? t.authors[m.author.kind]}: ` }),
          el('span', { textContent: m.body }),
        ]),
      ),
  );
  return merged;
}
