import { html, LitElement, nothing, type PropertyValues } from 'lit';
import {
  ApiProblemError,
  createRecord,
  type FormBundle,
  type FormBundleLoader,
  loadForm,
  uploadFile,
} from '../api/index.ts';
import type { KibanForm, KibanSubmitDetail } from '../components/index.ts';
import { baseStyles } from '../components/shared/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, translate } from '../i18n/index.ts';
import type { Language, ProblemDocument, RecordData } from '../metadata/index.ts';
import type { AssuranceLevel } from '../portal/portal-types.ts';
import { missingAssurance, refusedAssurance, renderStepUp } from './step-up.ts';

/**
 * `<kiban-form-page form-name="library-card-application">`: the resident page around
 * `<kiban-form>`. It fetches the published form, entity and record schema (through `loader`,
 * the registry API by default), POSTs the record on submit, and hands a refusal back to the
 * form so each error lands on its field. The status line is always in the page, so screen
 * readers announce the confirmation when it is filled in. A form needing a stronger sign-in
 * than the session's (its `assurance`, or a refusal saying so) is fronted by a notice leading to
 * the step-up page and back.
 */
export class KibanFormPage extends LitElement {
  static override properties = {
    formName: { attribute: 'form-name' },
    apiBase: { attribute: 'api-base' },
    language: { reflect: true },
    calendar: {},
    profile: { attribute: false },
    loader: { attribute: false },
    nextLink: { attribute: false },
    prefillConsent: { type: Boolean, attribute: 'prefill-consent' },
    signInAssurance: { attribute: false },
    stepUpPage: { attribute: 'step-up-page' },
    refusedLevel: { state: true },
    bundle: { state: true },
    status: { state: true },
    problem: { state: true },
    fileProblem: { state: true },
  };

  static override styles = baseStyles;

  declare formName: string;
  declare apiBase: string;
  declare language: Language;
  declare calendar: CalendarPreference;
  declare profile: RecordData | undefined;
  declare loader: FormBundleLoader;
  /** Where to go once the record is stored, e.g. the resident's applications; shown with the confirmation. */
  declare nextLink: { href: string; label: string } | undefined;
  declare prefillConsent: boolean;
  /** The assurance of the resident's session; unknown when undefined. */
  declare signInAssurance: AssuranceLevel | undefined;
  /** A plugin's page where the resident signs in at a stronger assurance; empty when none. */
  declare stepUpPage: string;
  /** The level the server last refused this session for. */
  declare refusedLevel: AssuranceLevel | undefined;
  declare bundle: FormBundle | undefined;
  declare status: 'loading' | 'ready' | 'failed' | 'sending' | 'sent';
  declare problem: ProblemDocument | undefined;
  /** Why an attachment did not arrive, after the record itself was stored. */
  declare fileProblem: string | undefined;

  constructor() {
    super();
    this.formName = '';
    this.apiBase = '';
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.prefillConsent = false;
    this.stepUpPage = '';
    this.loader = loadForm;
    this.status = 'loading';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const source = changed.has('formName') || changed.has('apiBase') || changed.has('loader');
    if (source && this.formName) void this.load();
  }

  private async load(): Promise<void> {
    this.status = 'loading';
    try {
      this.bundle = await this.loader(this.formName, { apiBase: this.apiBase, language: this.language });
      this.status = 'ready';
    } catch {
      this.status = 'failed';
    }
  }

  private async onSubmit(event: CustomEvent<KibanSubmitDetail>): Promise<void> {
    const bundle = this.bundle as FormBundle;
    const form = event.target as KibanForm;
    this.status = 'sending';
    try {
      const options = { apiBase: this.apiBase, language: this.language };
      const record = await createRecord(bundle.entity.name, event.detail.values, options);
      form.clearDraft();
      await this.sendFiles(bundle.entity.name, String(record.id), event.detail.files ?? {});
    } catch (error) {
      this.status = 'ready';
      this.refusedLevel = error instanceof ApiProblemError ? refusedAssurance(error) : undefined;
      if (this.refusedLevel) return;
      this.problem =
        error instanceof ApiProblemError
          ? { ...error.problem }
          : { detail: translate(this.language, 'form.serverError') };
    }
  }

  /** The record exists now: its files follow, one upload each; a failed one is said, the record stays. */
  private async sendFiles(entity: string, id: string, files: Record<string, File>): Promise<void> {
    const options = { apiBase: this.apiBase, language: this.language };
    try {
      for (const [field, file] of Object.entries(files)) await uploadFile(entity, id, field, file, options);
      this.status = 'sent';
    } catch (error) {
      this.status = 'sent';
      this.fileProblem =
        error instanceof ApiProblemError && error.problem.detail
          ? error.problem.detail
          : translate(this.language, 'form.fileUploadFailed');
    }
  }

  override render() {
    const say = (key: 'page.loading' | 'page.loadFailed' | 'form.submitted') => translate(this.language, key);
    const message =
      this.status === 'loading' ? say('page.loading') : this.status === 'sent' ? say('form.submitted') : '';
    return html`<p role="status" class="page-status">${message}</p>
      ${this.fileProblem ? html`<p role="alert">${this.fileProblem}</p>` : nothing}
      ${this.status === 'sent' && this.nextLink ? html`<p><a href=${this.nextLink.href}>${this.nextLink.label}</a></p>` : nothing}
      ${this.status === 'failed' ? html`<p role="alert">${say('page.loadFailed')}</p>` : nothing}
      ${this.status === 'ready' || this.status === 'sending' ? [this.renderStepUp(), this.renderForm()] : nothing}`;
  }

  private renderStepUp() {
    const level = this.refusedLevel ?? missingAssurance(this.bundle?.form.assurance, this.signInAssurance);
    return level ? renderStepUp(level, this.language, this.stepUpPage, this.refusedLevel !== undefined) : nothing;
  }

  private renderForm() {
    const bundle = this.bundle;
    if (!bundle) return nothing;
    return html`<kiban-form
      .entity=${bundle.entity}
      .form=${bundle.form}
      .recordSchema=${bundle.recordSchema}
      .entities=${bundle.entities}
      .lineItemSchemas=${bundle.lineItemSchemas}
      .lookup=${bundle.lookup}
      .profile=${this.profile}
      .problem=${this.problem}
      ?prefill-consent=${this.prefillConsent}
      language=${this.language}
      calendar=${this.calendar}
      @kiban-submit=${this.onSubmit}
    ></kiban-form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-form-page': KibanFormPage;
  }
}
