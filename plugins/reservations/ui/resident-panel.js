import { text } from './text.js';

/**
 * The panel under a resident profile (the CRM's resident 360): the resident's reservations,
 * newest first, with facility, slot and state. The 360 gives `resident` (the principal id the
 * reservations are owned by); on a profile's own page only `recordId` comes, and the profile
 * names its principal. The server checks the staff member's role and audits the read; a
 * refusal is said plainly in the panel. Text is set, never parsed as HTML.
 */
export class ResidentReservationsPanel extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    try {
      const resident = this.resident ?? (await this.profilePrincipal());
      const response = await fetch(`/api/plugins/reservations/residents/${encodeURIComponent(resident)}/reservations`, {
        credentials: 'same-origin',
      });
      if (response.status === 403) {
        this.replaceChildren(paragraph(t.refused));
        return;
      }
      if (!response.ok) throw new Error(`reservations: ${response.status}`);
      const { items } = await response.json();
      if (items.length === 0) {
        this.replaceChildren(paragraph(t.none));
        return;
      }
      const list = document.createElement('ul');
      list.setAttribute('aria-label', t.reservations);
      list.append(...items.map((item) => this.row(item, t)));
      this.replaceChildren(list);
    } catch {
      this.replaceChildren(paragraph(t.unavailable));
    }
  }

  row(item, t) {
    const li = document.createElement('li');
    const facility = document.createElement('strong');
    facility.textContent = item.facility?.name ?? t.unknownFacility;
    const slot = item.slot ? ` ${this.day(item.slot.date)} ${item.slot.startTime}–${item.slot.endTime}` : '';
    const state = t.statuses[item.status] ?? String(item.status);
    li.append(facility, `${slot} · ${t.people(item.partySize)} · ${state}`);
    return li;
  }

  /** A slot's calendar day, in the reader's calendar (和暦 unless they chose the Gregorian one). */
  day(date) {
    const locale = this.language === 'en' ? 'en-GB' : 'ja-JP';
    return new Intl.DateTimeFormat(this.calendar === 'gregory' ? locale : `${locale}-u-ca-japanese`, {
      timeZone: 'UTC',
      dateStyle: 'medium',
    }).format(new Date(`${date}T00:00:00Z`));
  }

  async profilePrincipal() {
    const response = await fetch(`/api/data/ResidentProfile/${encodeURIComponent(this.recordId)}`, {
      credentials: 'same-origin',
    });
    if (!response.ok) throw new Error(`profile: ${response.status}`);
    return (await response.json()).principal;
  }
}

function paragraph(content) {
  const p = document.createElement('p');
  p.setAttribute('role', 'status');
  p.textContent = content;
  return p;
}
