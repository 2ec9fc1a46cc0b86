import { css, html, LitElement, nothing } from 'lit';
import { ApiProblemError, signIn, signUp } from '../api/index.ts';
import { baseStyles } from '../components/shared/index.ts';
import { DEFAULT_LANGUAGE, type MessageKey, translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import type { Principal } from './portal-types.ts';

type Mode = 'signIn' | 'signUp';

/**
 * `<kiban-sign-in>`: sign-in with the engine's local accounts and, where `allow-sign-up` is
 * set (the resident portal), self sign-up. A refusal is shown in an alert that takes focus;
 * success emits `kiban-signed-in` with the principal.
 */
export class KibanSignIn extends LitElement {
  static override properties = {
    language: { reflect: true },
    apiBase: { attribute: 'api-base' },
    allowSignUp: { type: Boolean, attribute: 'allow-sign-up' },
    mode: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  static override styles = [
    baseStyles,
    css`
      form {
        display: grid;
        gap: 1rem;
        max-width: 28rem;
      }
      label {
        display: grid;
        gap: 0.25rem;
        font-weight: bold;
      }
      .error {
        padding: 1rem;
        border: 2px solid var(--kiban-error);
        border-radius: 0.5rem;
      }
      .switch {
        margin-top: 1.5rem;
      }
      button.link {
        border: none;
        padding: 0;
        min-height: 2.75rem;
        text-decoration: underline;
        background: none;
      }
    `,
  ];

  declare language: Language;
  declare apiBase: string;
  declare allowSignUp: boolean;
  declare mode: Mode;
  declare error: string;
  declare busy: boolean;

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.apiBase = '';
    this.allowSignUp = false;
    this.mode = 'signIn';
    this.error = '';
    this.busy = false;
  }

  private say(key: MessageKey): string {
    return translate(this.language, key);
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const text = (name: string) => String(data.get(name) ?? '');
    const options = { apiBase: this.apiBase, language: this.language };
    this.busy = true;
    this.error = '';
    try {
      const principal =
        this.mode === 'signIn'
          ? await signIn(text('username'), text('password'), options)
          : await signUp(
              { username: text('username'), password: text('password'), displayName: text('displayName') || undefined },
              options,
            );
      this.dispatchEvent(
        new CustomEvent<Principal>('kiban-signed-in', { detail: principal, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.error = this.refusal(error);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error')?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** The server's own explanation and each located detail, or a general failure. */
  private refusal(error: unknown): string {
    if (!(error instanceof ApiProblemError)) return this.say('signIn.failed');
    const { detail, errors = [] } = error.problem;
    return [detail ?? this.say('signIn.failed'), ...errors.map((each) => each.message)].join(' ');
  }

  private switchMode(mode: Mode): void {
    this.mode = mode;
    this.error = '';
  }

  override render() {
    const signingUp = this.mode === 'signUp';
    return html`<section lang=${this.language} aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">${this.say(signingUp ? 'signUp.title' : 'signIn.title')}</h1>
      ${this.error ? html`<p class="error" role="alert" tabindex="-1">${this.error}</p>` : nothing}
      <form @submit=${this.onSubmit}>
        ${
          signingUp
            ? html`<label
              >${this.say('signUp.displayName')}<input name="displayName" autocomplete="name"
            /></label>`
            : nothing
        }
        <label
          >${this.say('signIn.username')}<input name="username" required autocomplete="username"
        /></label>
        <label
          >${this.say('signIn.password')}<input
            name="password"
            type="password"
            required
            autocomplete=${signingUp ? 'new-password' : 'current-password'}
        /></label>
        <div>
          <button type="submit" class="primary" ?disabled=${this.busy}>
            ${this.say(signingUp ? 'signUp.submit' : 'signIn.submit')}
          </button>
        </div>
      </form>
      ${
        this.allowSignUp
          ? html`<p class="switch">
            <button type="button" class="link" @click=${() => this.switchMode(signingUp ? 'signIn' : 'signUp')}>
              ${this.say(signingUp ? 'signIn.toSignIn' : 'signIn.toSignUp')}
            </button>
          </p>`
          : nothing
      }
    </section>`;
  }
}
