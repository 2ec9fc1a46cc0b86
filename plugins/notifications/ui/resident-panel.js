import { el } from './common.js';
import { panelText } from './resident-panel-text.js';

/**
 * The panel under a resident profile (the CRM's resident 360): the notices sent to the
 * resident, newest first, read or not, with each channel's delivery state. The 360 gives
 * `resident` (the principal id the inbox is keyed by); on a profile's own page only `recordId`
 * comes, and the profile names its principal. The server checks the staff member's role and
 * audits the read; a refusal is said plainly in the panel.
 */
export class ResidentNoticesPanel extends HTMLElement {
  async connectedCallback() {
    const t = panelText(this);
    try {
      const resident = this.resident ?? (await this.profilePrincipal());
      const language = this.language === 'en' ? 'en' : 'ja';
      const response = await fetch(
        `/api/plugins/notifications/residents/${encodeURIComponent(resident)}/inbox?language=${language}`,
        { credentials: 'same-origin' },
      );
      if (response.status === 403) {
        this.replaceChildren(el('p', { role: 'status', textContent: t.refused }));
        return;
      }
      if (!response.ok) throw new Error(`inbox: ${response.status}`);
      const { items } = await response.json();
      this.replaceChildren(
        items.length === 0
          ? el('p', { role: 'status', textContent: t.none })
          : el(
              'ul',
              { ariaLabel: t.notices },
              items.map((item) => this.row(item, t, language)),
            ),
      );
    } catch {
      this.replaceChildren(el('p', { role: 'status', textContent: t.unavailable }));
    }
  }

  row(item, t, language) {
    const when = el('time', {
      dateTime: item.createdAt,
      textContent: dateTime(item.createdAt, language, this.calendar),
    });
    const title = item.subject ?? item.body.slice(0, 80);
    const channels =
      item.deliveries.length === 0
        ? t.inboxOnly
        : item.deliveries
            .map(
              (delivery) =>
                `${t.channels[delivery.channel] ?? delivery.channel}: ${t.states[delivery.status] ?? delivery.status}`,
            )
            .join(' / ');
    return el('li', {}, [
      when,
      ' ',
      el('strong', { textContent: title }),
      item.official ? ` [${t.official}]` : '',
      ` (${item.readAt ? t.read : t.unread}) ${t.deliveries}: ${channels}`,
    ]);
  }

  async profilePrincipal() {
    const response = await fetch(`/api/data/ResidentProfile/${encodeURIComponent(this.recordId)}`, {
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`profile: ${response.status}`);
    return (await response.json()).principal;
  }
}

/** A date-time in the city's zone, in the reader's calendar (和暦 unless they chose the Gregorian one). */
function dateTime(iso, language, calendar) {
  const locale = language === 'en' ? 'en-GB' : 'ja-JP';
  return new Intl.DateTimeFormat(calendar === 'gregory' ? locale : `${locale}-u-ca-japanese`, {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
