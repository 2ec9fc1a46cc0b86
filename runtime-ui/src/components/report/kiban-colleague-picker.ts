import { css, html, LitElement, nothing } from 'lit';
import { ApiProblemError, requestJson } from '../../api/client.ts';
import type { Language } from '../../metadata/index.ts';
import { baseStyles } from '../shared/index.ts';
import { scheduleText } from './schedule-text.ts';

/** A member of staff a report can be sent to, as `/api/report-schedules/colleagues` lists them. */
export interface Colleague {
  id: string;
  name: string;
  department: string | null;
}

/**
 * Picks colleagues to receive a scheduled report: a search by name or department, and a
 * checkbox per colleague found; those ticked stay listed across searches. `chosen` is what the
 * schedule form sends as staff recipients. Addresses are never shown: the engine sends to them.
 */
export class KibanColleaguePicker extends LitElement {
  static override properties = {
    language: {},
    apiBase: { attribute: 'api-base' },
    chosen: { state: true },
    found: { state: true },
    status: { state: true },
  };

  declare language: Language;
  declare apiBase: string;
  declare chosen: Colleague[];
  declare found: Colleague[];
  declare status: string;

  static override styles = [
    baseStyles,
    css`
      fieldset { display: grid; gap: 0.5rem; border: 1px solid #767676; padding: 0.5rem; }
      .search { display: flex; gap: 0.5rem; align-items: end; }
      label { display: grid; gap: 0.25rem; }
      ul { list-style: none; margin: 0; padding: 0; }
      li label { display: flex; gap: 0.5rem; align-items: center; }
    `,
  ];

  constructor() {
    super();
    this.language = 'ja';
    this.apiBase = '';
    this.chosen = [];
    this.found = [];
    this.status = '';
  }

  /** Forgets the search and the choice (after a schedule is made). */
  reset(): void {
    this.chosen = [];
    this.found = [];
    this.status = '';
  }

  private async search(): Promise<void> {
    const text = scheduleText(this.language);
    const query = this.renderRoot.querySelector<HTMLInputElement>('input[type=search]')?.value.trim() ?? '';
    if (!query) return;
    // Cleared first, so the same count after another search is announced again.
    this.status = '';
    try {
      const answer = await requestJson<{ items: Colleague[] }>(
        `/api/report-schedules/colleagues?q=${encodeURIComponent(query)}`,
        { apiBase: this.apiBase, language: this.language },
      );
      this.found = answer.items;
      this.status = text.colleaguesFound(answer.items.length);
    } catch (error) {
      if (!(error instanceof ApiProblemError)) throw error;
      this.found = [];
      this.status = text.colleaguesFailed;
    }
  }

  private toggle(colleague: Colleague, checked: boolean): void {
    const others = this.chosen.filter((chosen) => chosen.id !== colleague.id);
    this.chosen = checked ? [...others, colleague] : others;
  }

  override render() {
    const text = scheduleText(this.language);
    const shown = [...this.chosen, ...this.found.filter((found) => !this.chosen.some((c) => c.id === found.id))];
    return html`<fieldset>
      <legend>${text.colleagues}</legend>
      <div class="search">
        <label>${text.findColleague}
          <input type="search" maxlength="100" @keydown=${(event: KeyboardEvent) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            void this.search();
          }} />
        </label>
        <button type="button" @click=${() => this.search()}>${text.find}</button>
      </div>
      <p role="status">${this.status}</p>
      ${
        shown.length > 0
          ? html`<ul>${shown.map(
              (colleague) => html`<li><label>
                <input type="checkbox" .checked=${this.chosen.some((c) => c.id === colleague.id)}
                  @change=${(event: Event) => this.toggle(colleague, (event.target as HTMLInputElement).checked)} />
                ${colleague.name}${colleague.department ? ` (${colleague.department})` : ''}
              </label></li>`,
            )}</ul>`
          : nothing
      }
    </fieldset>`;
  }
}
