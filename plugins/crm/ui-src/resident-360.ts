import { html, nothing } from 'lit';
import { BASE, getJson, problemText } from './api.ts';
import { dateTime } from './format.ts';
import { StaffElement } from './page-element.ts';
import { PanelElements, type ProfilePanel, profilePanels } from './record-panels.ts';

type Labelled = { ja?: string; en?: string };
interface Found {
  principal: string;
  fullName?: string;
  fullNameKana?: string;
  birthDate?: string;
  ward?: string;
}
type Pulled =
  | { status: 'released'; attributes: string[]; claims: Record<string, unknown> }
  | { status: 'notConsented' }
  | { status: 'unavailable' };
interface Opened {
  attributes: Pulled;
  reason: string;
  profile: Record<string, unknown>;
  timeline: Array<{ id: string; at: string; kind: string; source: string; title: string; state: string | null }>;
  timelineSources: Array<{ plugin: string; name: string; label: Labelled; status: 'read' | 'forbidden' | 'failed' }>;
}

const PROFILE_FIELDS = ['fullName', 'fullNameKana', 'birthDate', 'address', 'ward', 'phone', 'email'] as const;

/**
 * `<crm-resident-360>`: find a resident (phone number or kana name), choose why the profile is
 * opened (窓口対応, 電話対応 … — required, and kept in the audit trail by the server), then the
 * profile, the timeline across services and one labelled panel per plugin that contributes
 * a record panel on `ResidentProfile`. `?resident=<id>` in the address preselects a resident.
 */
export class Resident360 extends StaffElement {
  static override properties = {
    reasons: { state: true },
    found: { state: true },
    chosen: { state: true },
    opened: { state: true },
    panels: { state: true },
    message: { state: true },
  };

  declare reasons: Array<{ value: string; label: Labelled }>;
  declare found: Found[];
  declare chosen: string;
  declare opened: Opened | undefined;
  declare panels: ProfilePanel[];
  declare message: string;
  private readonly panelElements = new PanelElements();

  constructor() {
    super();
    this.reasons = [];
    this.found = [];
    this.chosen = new URLSearchParams(location.search).get('resident') ?? '';
    this.panels = [];
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.prepare();
  }

  private async prepare(): Promise<void> {
    const [reasons, panels] = await Promise.all([
      getJson<{ items: Array<{ value: string; label: Labelled }> }>(`${BASE}/open-reasons`, this.language),
      profilePanels(this.language),
    ]);
    this.reasons = reasons.items;
    this.panels = panels;
  }

  /** The CRM's rows and the other plugins' entries in one list; a source that refused this reader is named. */
  private timeline(opened: Opened) {
    const t = this.t;
    const sources = new Map(opened.timelineSources.map((source) => [`${source.plugin}.${source.name}`, source]));
    const missing = opened.timelineSources.filter((source) => source.status !== 'read');
    return html`<section aria-labelledby="crm-360-timeline-heading">
      <h3 id="crm-360-timeline-heading">${t.timeline}</h3>
      ${missing.map(
        (source) =>
          html`<p>${this.label(source.label)}: ${source.status === 'forbidden' ? t.timelineForbidden : t.timelineFailed}</p>`,
      )}
      ${
        opened.timeline.length === 0
          ? html`<p>${t.none}</p>`
          : html`<ol class="crm-timeline">
            ${opened.timeline.map((entry) => {
              const source = sources.get(entry.source);
              return html`<li>
                <time datetime=${entry.at}>${dateTime(entry.at, this.language, this.calendar)}</time>
                <strong>${entry.title}</strong> ${entry.state ? `（${t.statuses[entry.state] ?? entry.state}）` : ''}
                ${source ? this.label(source.label) : entry.source}
              </li>`;
            })}
          </ol>`
      }
    </section>`;
  }

  private label(text: Labelled): string {
    return (this.language === 'en' ? text.en : text.ja) ?? text.ja ?? '';
  }

  private async search(event: Event): Promise<void> {
    event.preventDefault();
    const query = String(new FormData(event.target as HTMLFormElement).get('q') ?? '').trim();
    const { items } = await getJson<{ items: Found[] }>(
      `${BASE}/residents/search?q=${encodeURIComponent(query)}`,
      this.language,
    );
    this.found = items;
    this.chosen = items[0]?.principal ?? '';
    this.message = items.length === 0 ? this.t.none : '';
  }

  private async open(event: Event): Promise<void> {
    event.preventDefault();
    const values = new FormData(event.target as HTMLFormElement);
    const resident = String(values.get('resident') ?? this.chosen);
    const reason = String(values.get('reason') ?? '');
    if (!reason) {
      this.message = this.t.reasonRequired;
      return;
    }
    try {
      this.opened = await getJson<Opened>(
        `${BASE}/residents/${encodeURIComponent(resident)}?reason=${encodeURIComponent(reason)}&language=${this.language === 'en' ? 'en' : 'ja'}`,
        this.language,
      );
      this.message = '';
      await this.updateComplete;
      (this.querySelector('#crm-360-heading') as HTMLElement | null)?.focus();
    } catch (error) {
      this.message = problemText(error, this.t.failed);
    }
  }

  private openForm() {
    const t = this.t;
    return html`<form aria-labelledby="crm-open-heading" @submit=${this.open}>
      <h2 id="crm-open-heading">${t.openHeading}</h2>
      ${
        this.found.length > 0
          ? html`<fieldset>
            <legend>${t.matches}</legend>
            ${this.found.map(
              (person, index) => html`<div>
                <input type="radio" name="resident" id=${`crm-360-match-${index}`} value=${person.principal}
                  ?checked=${person.principal === this.chosen} />
                <label for=${`crm-360-match-${index}`}>${person.fullName ?? person.principal}（${person.fullNameKana ?? ''}）
                  ${person.birthDate ?? ''} ${person.ward ?? ''}</label>
              </div>`,
            )}
          </fieldset>`
          : nothing
      }
      <label for="crm-360-reason">${t.reason}</label>
      <select id="crm-360-reason" name="reason" required>
        <option value="">${t.chooseReason}</option>
        ${this.reasons.map((reason) => html`<option value=${reason.value}>${this.label(reason.label)}</option>`)}
      </select>
      <button type="submit" ?disabled=${!this.chosen && this.found.length === 0}>${t.openProfile}</button>
      <p role="status">${this.message}</p>
    </form>`;
  }

  private profile(opened: Opened) {
    const t = this.t;
    const profile = opened.profile;
    const principal = String(profile.principal ?? '');
    return html`<article aria-labelledby="crm-360-heading">
      <h2 id="crm-360-heading" tabindex="-1">${String(profile.fullName ?? principal)}</h2>
      ${profile.mergedInto ? html`<p role="note">${t.mergedInto}: ${profile.mergedInto}</p>` : nothing}
      <section aria-labelledby="crm-profile-heading">
        <h3 id="crm-profile-heading">${t.profile}</h3>
        <dl>
          ${PROFILE_FIELDS.filter((field) => profile[field] !== undefined).map(
            (field) => html`<dt>${t[field]}</dt><dd>${String(profile[field] ?? '')}</dd>`,
          )}
        </dl>
      </section>
      ${this.identityAttributes(opened.attributes)}
      ${this.timeline(opened)}
      ${this.panels.map((panel) => {
        const id = `crm-panel-${panel.plugin}-${panel.name}`;
        const element = this.panelElements.element(panel, {
          recordId: String(profile.id),
          resident: principal,
          language: this.language,
          calendar: this.calendar,
          principal: this.principal,
        });
        return html`<section class="plugin-panel" aria-labelledby=${id}>
          <h3 id=${id}>${this.label(panel.label)}</h3>
          ${element}
        </section>`;
      })}
    </article>`;
  }

  private identityAttributes(pulled: Pulled) {
    const t = this.t;
    if (pulled.status === 'unavailable') return nothing;
    const value = (claim: unknown) =>
      typeof claim === 'object' && claim !== null
        ? String((claim as { formatted?: string }).formatted ?? '')
        : String(claim);
    return html`<section aria-labelledby="crm-identity-heading">
      <h3 id="crm-identity-heading">${t.identityAttributes}</h3>
      ${
        pulled.status === 'notConsented'
          ? html`<p>${t.notConsented}</p>`
          : html`<dl>
            ${Object.entries(pulled.claims).map(([claim, v]) => html`<dt>${t.claims[claim] ?? claim}</dt><dd>${value(v)}</dd>`)}
          </dl>`
      }
    </section>`;
  }

  protected override render() {
    const t = this.t;
    return html`<form role="search" aria-labelledby="crm-search-heading" @submit=${this.search}>
        <h2 id="crm-search-heading">${t.search}</h2>
        <label for="crm-360-search">${t.searchQuery}</label>
        <input id="crm-360-search" name="q" type="search" required autocomplete="off" />
        <button type="submit">${t.find}</button>
      </form>
      ${this.openForm()} ${this.opened ? this.profile(this.opened) : nothing}`;
  }
}
