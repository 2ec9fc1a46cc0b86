import { html, LitElement, nothing } from 'lit';
import { ApiProblemError, saveProfile } from '../api/index.ts';
import type { KibanSubmitDetail } from '../components/index.ts';
import { baseStyles } from '../components/shared/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, translate } from '../i18n/index.ts';
import type { Language, ProblemDocument, RecordData } from '../metadata/index.ts';
import type { Profile } from '../portal/portal-types.ts';
import { profileEntity, profileForm, profileFromValues } from './profile-form.ts';

/**
 * `<kiban-profile-page>`: the resident edits their profile, their language and calendar, and
 * whether applications may be prefilled from it. `PUT /api/profile`; a 422 puts each error
 * on its field. Emits `kiban-profile-saved` with the stored profile.
 */
export class KibanProfilePage extends LitElement {
  static override properties = {
    profile: { attribute: false },
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
    problem: { state: true },
    saved: { state: true },
  };

  static override styles = baseStyles;

  declare profile: Profile | undefined;
  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;
  declare problem: ProblemDocument | undefined;
  declare saved: boolean;

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
    this.saved = false;
  }

  private async onSubmit(event: CustomEvent<KibanSubmitDetail>): Promise<void> {
    this.saved = false;
    try {
      const stored = await saveProfile(profileFromValues(event.detail.values), {
        apiBase: this.apiBase,
        language: this.language,
      });
      this.saved = true;
      this.dispatchEvent(
        new CustomEvent<Profile>('kiban-profile-saved', { detail: stored, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.problem =
        error instanceof ApiProblemError
          ? { ...error.problem }
          : { detail: translate(this.language, 'form.serverError') };
    }
  }

  override render() {
    return html`${
      this.profile
        ? html`<kiban-form
          .entity=${profileEntity}
          .form=${profileForm}
          .profile=${this.profile as unknown as RecordData}
          .problem=${this.problem}
          .submitKey=${'form.save'}
          no-drafts
          language=${this.language}
          calendar=${this.calendar}
          @kiban-submit=${this.onSubmit}
        ></kiban-form>`
        : html`<p role="alert">${translate(this.language, 'page.loadFailed')}</p>`
    }
      <p role="status">${this.saved ? translate(this.language, 'profile.saved') : nothing}</p>`;
  }
}
