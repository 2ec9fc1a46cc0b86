import { BASE, el } from './common.js';
import { panelText } from './resident-panel-text.js';

/**
 * The panel under a resident profile (the CRM's resident 360): the resident's chats, newest
 * first, each saying who answered (the AI, an operator by name, a department) with its
 * transcript folded away until opened. The 360 gives `resident` (the principal id
 * conversations are keyed by); on a profile's own page only `recordId` comes, and the profile
 * names its principal. The server decides which chats the staff member may see and audits the
 * read; a refusal is said plainly in the panel.
 */
export class ResidentChatsPanel extends HTMLElement {
  async connectedCallback() {
    const t = panelText(this);
    try {
      const resident = this.resident ?? (await this.profilePrincipal());
      const response = await fetch(`${BASE}/residents/${encodeURIComponent(resident)}/conversations`, {
        credentials: 'same-origin',
      });
      if (response.status === 403) {
        this.replaceChildren(el('p', { textContent: t.refused }));
        return;
      }
      if (!response.ok) throw new Error(`conversations: ${response.status}`);
      const { items } = await response.json();
      this.replaceChildren(
        items.length === 0
          ? el('p', { textContent: t.none })
          : el(
              'ul',
              {},
              items.map((item) => el('li', {}, [this.conversation(item, t)])),
            ),
      );
      this.firstElementChild.setAttribute('aria-label', t.chats);
    } catch {
      this.replaceChildren(el('p', { textContent: t.unavailable }));
    }
  }

  conversation({ conversation, transcript }, t) {
    const answered = conversation.answeredBy;
    const who = [t.tiers[answered.tier] ?? answered.tier, answered.name].filter(Boolean).join(' ');
    const summary = `${this.dateTime(conversation.createdAt)} · ${t.answeredBy}: ${who} · ${
      t.statuses[conversation.status] ?? conversation.status
    }`;
    return el('details', {}, [
      el('summary', { textContent: summary }),
      transcript.length === 0
        ? el('p', { textContent: t.empty })
        : el(
            'ol',
            { ariaLabel: `${t.transcript} ${this.dateTime(conversation.createdAt)}` },
            transcript.map((message) =>
              el('li', {}, [
                el('time', { dateTime: message.at, textContent: this.time(message.at) }),
                ' ',
                el('strong', {
                  textContent: [t.authors[message.author.kind] ?? message.author.kind, message.author.name]
                    .filter(Boolean)
                    .join(' '),
                }),
                `: ${message.body}`,
              ]),
            ),
          ),
    ]);
  }

  dateTime(iso) {
    const locale = this.language === 'en' ? 'en-GB' : 'ja-JP';
    // 和暦 unless the reader chose the Gregorian calendar, as the 360 around the panel.
    return new Intl.DateTimeFormat(this.calendar === 'gregory' ? locale : `${locale}-u-ca-japanese`, {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  }

  time(iso) {
    return new Date(iso).toLocaleTimeString(this.language === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo' });
  }

  async profilePrincipal() {
    const response = await fetch(`/api/data/ResidentProfile/${encodeURIComponent(this.recordId)}`, {
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`profile: ${response.status}`);
    return (await response.json()).principal;
  }
}
