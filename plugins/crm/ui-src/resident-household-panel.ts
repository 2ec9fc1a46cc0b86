import { html, nothing } from 'lit';
import { BASE, getJson, problemText } from './api.ts';
import { dateTime } from './format.ts';
import { StaffElement } from './page-element.ts';

interface Member {
  scopes: string[];
  since: string;
  profile: {
    id: string;
    principal: string;
    fullName?: string;
    fullNameKana?: string;
    birthDate?: string;
    ward?: string;
  };
}

type Household =
  | { status: 'read'; members: Member[]; hidden: number }
  | { status: 'unavailable'; members: []; hidden: 0 };

/**
 * `<crm-resident-household>`, the CRM's panel of a resident's household under resident profiles
 * (the 360 and the generic detail view): the family links the residents agreed to at the common
 * ID, each member as this member of staff may read them. The server checks the role and
 * policies and audits the read.
 */
export class ResidentHouseholdPanel extends StaffElement {
  static override properties = {
    recordId: { attribute: false },
    resident: { attribute: false },
    household: { state: true },
    error: { state: true },
  };

  declare recordId: string;
  declare resident: string | undefined;
  declare household: Household | undefined;
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
      this.household = await getJson<Household>(
        `${BASE}/residents/${encodeURIComponent(resident)}/household`,
        this.language,
      );
    } catch (error) {
      this.error = problemText(error, this.t.failed);
    }
  }

  protected override render() {
    const t = this.t;
    if (this.error) return html`<p>${this.error}</p>`;
    const household = this.household;
    if (!household) return nothing;
    if (household.status === 'unavailable') return html`<p>${t.householdUnavailable}</p>`;
    if (household.members.length === 0 && household.hidden === 0) return html`<p>${t.none}</p>`;
    return html`<ul>
        ${household.members.map(
          (member) => html`<li>
            <a href=${`/staff/plugins/crm/resident?resident=${encodeURIComponent(member.profile.principal)}`}>${member.profile.fullName ?? ''}</a>
            ${member.profile.fullNameKana ?? ''} ${member.profile.birthDate ?? ''} ${member.profile.ward ?? ''}
            — ${member.scopes.map((scope) => t.familyScopes[scope] ?? scope).join('・')}
            (${t.linkedSince(dateTime(member.since, this.language, this.calendar))})
          </li>`,
        )}
      </ul>
      ${household.hidden > 0 ? html`<p>${t.householdHidden(household.hidden)}</p>` : nothing}`;
  }
}
