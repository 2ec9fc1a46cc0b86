import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { html, LitElement, nothing } from 'lit';
import type { DesignerApi } from '../api/designer-api.ts';
import { say } from '../i18n/index.ts';
import type { Principal } from '../model/types.ts';
import { designerStyles } from './designer-styles.ts';
import { problemLines } from './problem-lines.ts';

/**
 * `<kiban-designer-sign-in>`: staff sign-in (`POST /api/auth/login`). A refusal is shown in
 * an alert that takes focus; success emits `signed-in` with the principal.
 */
export class KibanDesignerSignIn extends LitElement {
  static override properties = {
    api: { attribute: false },
    language: {},
    error: { state: true },
    busy: { state: true },
  };

  static override styles = designerStyles;

  declare api: DesignerApi;
  declare language: Language;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.error = '';
    this.busy = false;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    this.busy = true;
    this.error = '';
    try {
      const principal = await this.api.login(String(data.get('username') ?? ''), String(data.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent<Principal>('signed-in', { detail: principal, bubbles: true, composed: true }));
    } catch (error) {
      this.error = problemLines(error, this.language, 'signIn.failed').join(' ');
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.notice')?.focus();
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const language = this.language;
    return html`<section aria-labelledby="sign-in-title" lang=${language}>
      <h1 id="sign-in-title">${say(language, 'signIn.title')}</h1>
      ${this.error ? html`<p class="notice alert" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <form @submit=${this.onSubmit}>
        <div class="field">
          <label for="username">${say(language, 'signIn.username')}</label>
          <input id="username" name="username" required autocomplete="username" />
        </div>
        <div class="field">
          <label for="password">${say(language, 'signIn.password')}</label>
          <input id="password" name="password" type="password" required autocomplete="current-password" />
        </div>
        <button type="submit" class="primary" ?disabled=${this.busy}>${say(language, 'signIn.submit')}</button>
      </form>
    </section>`;
  }
}
