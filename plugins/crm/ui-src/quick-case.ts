import { html, nothing } from 'lit';
import { act, BASE, getJson, problemText } from './api.ts';
import { StaffElement } from './page-element.ts';

interface Match {
  principal: string;
  fullName?: string;
  fullNameKana?: string;
  birthDate?: string;
  ward?: string;
}

const PHONE_LIKE = /^[\d０-９\s()（）+＋‐－ー-]{6,}$/;

/**
 * `<crm-quick-case>`: a case from the phone or the counter in a few keystrokes. Type the caller's
 * number (or a kana name) and Enter: the matching residents are listed with the first chosen
 * and focus moves to the subject; Enter there opens the case (channel, category and the
 * clerk's department are preset). Fires `case-opened` with the new case.
 */
export class QuickCase extends StaffElement {
  static override properties = {
    residents: { state: true },
    searched: { state: true },
    message: { state: true },
    busy: { state: true },
  };

  declare residents: Match[];
  declare searched: string;
  declare message: string;
  declare busy: boolean;

  constructor() {
    super();
    this.residents = [];
    this.searched = '';
    this.message = '';
    this.busy = false;
  }

  private field<T extends HTMLElement>(id: string): T {
    return this.querySelector(`#${id}`) as T;
  }

  private async find(): Promise<void> {
    const query = this.field<HTMLInputElement>('crm-quick-search').value.trim();
    if (query === '') return;
    const { items } = await getJson<{ items: Match[] }>(
      `${BASE}/residents/search?q=${encodeURIComponent(query)}`,
      this.language,
    );
    this.residents = items;
    this.searched = query;
    await this.updateComplete;
    this.field<HTMLInputElement>('crm-quick-subject').focus();
  }

  private onSearchKey(event: KeyboardEvent): void {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    void this.find();
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = new FormData(form);
    const resident = String(values.get('resident') ?? '');
    const input: Record<string, unknown> = {
      channel: values.get('channel'),
      category: values.get('category'),
      subject: String(values.get('subject') ?? '').trim(),
      department: String(values.get('department') ?? '').trim(),
      assignToMe: values.get('assignToMe') === 'on',
    };
    if (resident) input.resident = resident;
    if (PHONE_LIKE.test(this.searched)) input.callerPhone = this.searched;
    this.busy = true;
    try {
      const opened = await act<{ id: string; subject: string }>('openCase', input, this.language);
      this.message = this.t.opened(opened.subject);
      form.reset();
      this.residents = [];
      this.searched = '';
      this.dispatchEvent(new CustomEvent('case-opened', { detail: opened, bubbles: true, composed: true }));
      this.field<HTMLInputElement>('crm-quick-search').focus();
    } catch (error) {
      this.message = problemText(error, this.t.failed);
    } finally {
      this.busy = false;
    }
  }

  private matchList() {
    const t = this.t;
    if (this.searched === '') return nothing;
    return html`<fieldset>
      <legend>${t.matches}</legend>
      ${this.residents.length === 0 ? html`<p>${t.noMatch}</p>` : nothing}
      ${this.residents.map(
        (match, index) => html`<div>
          <input type="radio" name="resident" id=${`crm-quick-match-${index}`} value=${match.principal} ?checked=${index === 0} />
          <label for=${`crm-quick-match-${index}`}
            >${match.fullName ?? match.principal}（${match.fullNameKana ?? ''}） ${match.birthDate ?? ''} ${match.ward ?? ''}</label
          >
        </div>`,
      )}
      <div>
        <input type="radio" name="resident" id="crm-quick-anonymous" value="" ?checked=${this.residents.length === 0} />
        <label for="crm-quick-anonymous">${t.anonymous}</label>
      </div>
    </fieldset>`;
  }

  protected override render() {
    const t = this.t;
    const options = (labels: Record<string, string>, selected: string) =>
      Object.entries(labels).map(
        ([value, label]) => html`<option value=${value} ?selected=${value === selected}>${label}</option>`,
      );
    return html`<form class="crm-quick" @submit=${this.submit} aria-labelledby="crm-quick-heading">
      <h2 id="crm-quick-heading">${t.quickCase}</h2>
      <label for="crm-quick-search">${t.callerNumber}</label>
      <input id="crm-quick-search" type="search" autocomplete="off" @keydown=${this.onSearchKey} />
      <button type="button" @click=${() => this.find()}>${t.find}</button>
      ${this.matchList()}
      <label for="crm-quick-subject">${t.subject}</label>
      <input id="crm-quick-subject" name="subject" required maxlength="200" />
      <label for="crm-quick-category">${t.category}</label>
      <select id="crm-quick-category" name="category">${options(t.categories, 'other')}</select>
      <label for="crm-quick-channel">${t.channel}</label>
      <select id="crm-quick-channel" name="channel">${options(t.channels, 'phone')}</select>
      <label for="crm-quick-department">${t.department}</label>
      <input id="crm-quick-department" name="department" required maxlength="60" value=${this.principal?.department ?? ''} />
      <div>
        <input type="checkbox" id="crm-quick-mine" name="assignToMe" checked />
        <label for="crm-quick-mine">${t.assignToMe}</label>
      </div>
      <button type="submit" ?disabled=${this.busy}>${t.open}</button>
      <p role="status">${this.message}</p>
    </form>`;
  }
}
