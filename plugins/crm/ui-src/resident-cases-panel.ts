import { html, nothing } from 'lit';
import { BASE, getJson, problemText } from './api.ts';
import { dateTime } from './format.ts';
import { StaffElement } from './page-element.ts';

interface Row {
  id: string;
  subject: string;
  status: string;
  dueAt?: string;
  overdue: boolean;
}

/**
 * `<crm-resident-cases>`, the CRM's own panel under resident profiles (the generic detail view
 * and the 360): the resident's cases the member of staff may read. In the 360 it gets the
 * resident's id as `resident`; on the generic detail view it reads the profile for it.
 */
export class ResidentCasesPanel extends StaffElement {
  static override properties = {
    recordId: { attribute: false },
    resident: { attribute: false },
    rows: { state: true },
    error: { state: true },
  };

  declare recordId: string;
  declare resident: string | undefined;
  declare rows: Row[] | undefined;
  declare error: string;

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('recordId') || changed.has('resident')) void this.load();
  }

  private async load(): Promise<void> {
    try {
      const resident =
        this.resident ??
        String(
          (
            await getJson<{ principal: string }>(
              `/api/data/ResidentProfile/${encodeURIComponent(this.recordId)}`,
              this.language,
            )
          ).principal,
        );
      const page = await getJson<{ items: Row[] }>(
        `${BASE}/cases?resident=${encodeURIComponent(resident)}`,
        this.language,
      );
      this.rows = page.items;
    } catch (error) {
      this.error = problemText(error, this.t.failed);
    }
  }

  protected override render() {
    const t = this.t;
    if (this.error) return html`<p>${this.error}</p>`;
    if (!this.rows) return nothing;
    if (this.rows.length === 0) return html`<p>${t.none}</p>`;
    return html`<ul>
      ${this.rows.map(
        (row) => html`<li>
          <a href=${`/staff/plugins/crm/cases?case=${row.id}`}>${row.subject}</a> ${t.statuses[row.status] ?? row.status}
          ${dateTime(row.dueAt, this.language, this.calendar)} ${row.overdue ? html`<strong>${t.overdue}</strong>` : nothing}
        </li>`,
      )}
    </ul>`;
  }
}
