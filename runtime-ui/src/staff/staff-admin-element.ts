import { html, LitElement, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ApiProblemError } from '../api/index.ts';
import { baseStyles } from '../components/shared/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, type MessageKey, translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import { shellStyles } from '../portal/shell-styles.ts';

export type LoadStatus = 'loading' | 'ready' | 'failed' | 'denied';

/**
 * What the staff admin pages (jobs, settings, task inbox) share: the language, calendar and
 * API base they are given, loading what they show when connected (and again on `reload`),
 * and the notice while it loads, when it failed, or when the API refused it (403).
 */
export abstract class StaffAdminElement extends LitElement {
  /** Lit adds a subclass's own `properties` to these. */
  static override properties: PropertyDeclarations = {
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
    status: { state: true },
  };

  static override styles = [baseStyles, shellStyles];

  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;
  declare status: LoadStatus;

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
    this.status = 'loading';
  }

  /** Fetches what the page shows into its state; throws as the API client does. */
  protected abstract fetch(): Promise<void>;

  protected get options() {
    return { apiBase: this.apiBase, language: this.language };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  protected async reload(): Promise<void> {
    try {
      await this.fetch();
      this.status = 'ready';
    } catch (error) {
      this.status = error instanceof ApiProblemError && error.problem.status === 403 ? 'denied' : 'failed';
    }
  }

  protected say(key: MessageKey): string {
    return translate(this.language, key);
  }

  /** The notice instead of the page until it is ready; `denied` says what a refusal means here. */
  protected statusNotice(denied: MessageKey = 'page.loadFailed'): TemplateResult | undefined {
    if (this.status === 'loading') return html`<p role="status">${this.say('page.loading')}</p>`;
    if (this.status === 'denied') return html`<p role="alert">${this.say(denied)}</p>`;
    if (this.status === 'failed') return html`<p role="alert">${this.say('page.loadFailed')}</p>`;
    return undefined;
  }
}
