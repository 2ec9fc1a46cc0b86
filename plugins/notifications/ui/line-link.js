import { el, text } from './common.js';

const LINK_TOKEN = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Where the LINE message's link leads (`/line-link?linkToken=…`). It is a portal page, so a
 * resident who is not signed in gets the portal's sign-in first and comes back to this address;
 * signed in, it goes on to the plugin's route, which makes the nonce and redirects to LINE.
 */
export class LineLink extends HTMLElement {
  connectedCallback() {
    const t = text(this);
    const linkToken = new URLSearchParams(location.search).get('linkToken') ?? '';
    if (!LINK_TOKEN.test(linkToken)) {
      this.replaceChildren(el('p', { role: 'alert', textContent: t.lineLinkInvalid }));
      return;
    }
    const next = `/api/plugins/notifications/line/link?${new URLSearchParams({ linkToken })}`;
    this.replaceChildren(
      el('p', { role: 'status', textContent: t.lineLinking }),
      el('p', {}, [el('a', { href: next, textContent: t.lineLinkContinue })]),
    );
    location.assign(next);
  }
}
