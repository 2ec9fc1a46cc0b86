import { html, LitElement, nothing } from 'lit';
import { fetchMyRecords } from '../api/index.ts';
import { baseStyles, localizedText } from '../components/shared/index.ts';
import {
  type CalendarPreference,
  DEFAULT_LANGUAGE,
  formatDateTime,
  type MessageKey,
  translate,
} from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import type { MyRecord, PortalEntity } from '../portal/portal-types.ts';
import { shellStyles } from '../portal/shell-styles.ts';

/**
 * `<kiban-my-applications>`: the resident's own records that go through a workflow, newest
 * change first, each with its current state and a link to its detail and history.
 */
export class KibanMyApplications extends LitElement {
  static override properties = {
    entities: { attribute: false },
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
    items: { state: true },
    status: { state: true },
  };

  static override styles = [baseStyles, shellStyles];

  declare entities: Record<string, PortalEntity>;
  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;
  declare items: MyRecord[];
  declare status: 'loading' | 'ready' | 'failed';

  constructor() {
    super();
    this.entities = {};
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
    this.items = [];
    this.status = 'loading';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const items = await fetchMyRecords({ apiBase: this.apiBase, language: this.language });
      this.items = items.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      this.status = 'ready';
    } catch {
      this.status = 'failed';
    }
  }

  override render() {
    const say = (key: MessageKey) => translate(this.language, key);
    if (this.status === 'loading') return html`<p role="status">${say('page.loading')}</p>`;
    if (this.status === 'failed') return html`<p role="alert">${say('page.loadFailed')}</p>`;
    if (this.items.length === 0) return html`<p>${say('myApps.empty')}</p>`;
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${say('myApps.what')}</th>
          <th scope="col">${say('myApps.kind')}</th>
          <th scope="col">${say('myApps.state')}</th>
          <th scope="col">${say('myApps.updatedAt')}</th>
        </tr>
      </thead>
      <tbody>
        ${this.items.map((item) => this.renderRow(item))}
      </tbody>
    </table>`;
  }

  private renderRow(item: MyRecord) {
    const entity = this.entities[item.entity];
    const href = `/my/applications/${encodeURIComponent(item.entity)}/${encodeURIComponent(item.id)}`;
    const kind = entity ? localizedText(entity.label, this.language) : item.entity;
    return html`<tr>
      <td><a href=${href}>${item.title ?? kind}</a></td>
      <td>${entity ? kind : nothing}</td>
      <td><strong>${localizedText(item.state.label, this.language)}</strong></td>
      <td><time datetime=${item.updatedAt}>${formatDateTime(item.updatedAt, this.language, this.calendar)}</time></td>
    </tr>`;
  }
}
