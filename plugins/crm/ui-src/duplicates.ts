import { html, nothing } from 'lit';
import { act, BASE, getJson, problemText, RequestFailed } from './api.ts';
import { StaffElement } from './page-element.ts';

interface Profile {
  principal: string;
  fullName?: string;
  fullNameKana?: string;
  birthDate?: string;
  address?: string;
}

/**
 * `<crm-duplicates>`: residents proposed as one person (same kana name, birth date and address),
 * for managers. Merging keeps the first of a group; the last merge can be undone from here,
 * and the server audits both. Staff who may not merge see nothing.
 */
export class Duplicates extends StaffElement {
  static override properties = {
    groups: { state: true },
    message: { state: true },
    lastMerge: { state: true },
  };

  declare groups: Profile[][] | undefined;
  declare message: string;
  declare lastMerge: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { groups } = await getJson<{ groups: string[][] }>(`${BASE}/residents/duplicates`, this.language);
      const principals = groups.flat();
      const profiles =
        principals.length === 0
          ? []
          : (
              await getJson<{ items: Profile[] }>(
                `/api/data/ResidentProfile?filter[principal][in]=${principals.map(encodeURIComponent).join(',')}&limit=200`,
                this.language,
              )
            ).items;
      const byPrincipal = new Map(profiles.map((profile) => [profile.principal, profile]));
      this.groups = groups.map((group) => group.map((principal) => byPrincipal.get(principal) ?? { principal }));
    } catch (error) {
      if (error instanceof RequestFailed && error.status === 403) this.groups = undefined;
      else this.message = problemText(error, this.t.failed);
    }
  }

  private async merge(keep: string, merge: string): Promise<void> {
    try {
      const { mergeId } = await act<{ mergeId: string }>('mergeResidents', { keep, merge }, this.language);
      this.lastMerge = mergeId;
      this.message = this.t.merged;
      await this.load();
    } catch (error) {
      this.message = problemText(error, this.t.failed);
    }
  }

  private async undo(): Promise<void> {
    try {
      await act('undoMerge', { mergeId: this.lastMerge }, this.language);
      this.lastMerge = undefined;
      this.message = this.t.undone;
      await this.load();
    } catch (error) {
      this.message = problemText(error, this.t.failed);
    }
  }

  private describe(profile: Profile): string {
    return `${profile.fullName ?? profile.principal}（${profile.fullNameKana ?? ''}） ${profile.birthDate ?? ''} ${profile.address ?? ''}`;
  }

  protected override render() {
    const t = this.t;
    if (!this.groups) return this.message ? html`<p role="status">${this.message}</p>` : nothing;
    return html`<section aria-labelledby="crm-duplicates-heading">
      <h2 id="crm-duplicates-heading">${t.duplicates}</h2>
      <p role="status">
        ${this.message}
        ${this.lastMerge ? html`<button type="button" @click=${() => this.undo()}>${t.undo}</button>` : nothing}
      </p>
      ${
        this.groups.length === 0
          ? html`<p>${t.none}</p>`
          : html`<ul>
            ${this.groups.map(
              ([keep, ...others]) => html`<li>
                ${keep ? this.describe(keep) : ''}
                <ul>
                  ${others.map(
                    (other) => html`<li>
                      ${this.describe(other)}
                      <button type="button" @click=${() => keep && this.merge(keep.principal, other.principal)}>
                        ${t.mergeInto(keep?.fullName ?? keep?.principal ?? '')}
                      </button>
                    </li>`,
                  )}
                </ul>
              </li>`,
            )}
          </ul>`
      }
    </section>`;
  }
}
