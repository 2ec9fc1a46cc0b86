/**
 * What the contact centre's elements share: element building (text is always set, never parsed
 * as HTML), the plugin's routes and actions, client message ids and typing notices. The
 * elements listen on the portal's realtime connection; `POLL_MS` is the interval of the polling
 * they fall back to without one.
 */
export const BASE = '/api/plugins/contact-center';
export const PUBLIC_BASE = '/api/public/contact-center';
export const POLL_MS = 2000;

/** A share (0–1) as a whole percentage, or a dash when there is none yet. */
export function percent(share) {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

export function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

const TYPING_NOTICE_MS = 4000;

/**
 * Typing notices through `notify(typing)`: one when typing starts and then at most one every
 * few seconds while it goes on, and one "stopped" when the text is sent. A lost notice only
 * costs an indicator, so failures are ignored.
 */
export function typingNotifier(notify) {
  let last = 0;
  const tell = (typing) => Promise.resolve(notify(typing)).catch(() => {});
  return {
    typed() {
      const now = Date.now();
      if (now - last < TYPING_NOTICE_MS) return;
      last = now;
      tell(true);
    },
    stopped() {
      if (last === 0) return;
      last = 0;
      tell(false);
    },
  };
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
 * element `log`, each drawn by `line` (see `messageLine`); returns the merged messages.
 */
export function appendNewMessages(log, shown, incoming, line) {
  const merged = mergeMessages(shown, incoming);
  log.append(
    ...merged.slice(shown.length).map((m) => {
      const item = line(m);
      // Read marks find the lines they cover by number and author.
      item.dataset.seq = String(m.seq);
      item.dataset.author = m.author.kind;
      return item;
    }),
  );
  return merged;
}

/**
 * The engine's realtime connection for an element outside the portals (which hand theirs over
 * as `realtime`): the portal bundle's own module, served at `/ui/realtime.js`. Null when it
 * cannot be loaded (no portal build served): the element polls then.
 */
export function standaloneRealtime() {
  return import('/ui/realtime.js').then((module) => module.portalRealtime).catch(() => null);
}
