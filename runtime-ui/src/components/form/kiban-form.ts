import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type CalendarPreference, DEFAULT_LANGUAGE, type MessageKey, translate } from '../../i18n/index.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  FormMetadata,
  JsonSchema,
  Language,
  ProblemDocument,
  RecordData,
} from '../../metadata/index.ts';
import { type FieldProblem, serverProblems } from '../../validation/index.ts';
import { baseStyles, localizedString, localizedText } from '../shared/index.ts';
import { discardDraft, loadDraft, saveDraft } from './drafts.ts';
import type { LookupFunction } from './field-view.ts';
import { type ChosenFile, splitFiles } from './file-field.ts';
import { FormChecks } from './form-checks.ts';
import { type FormFieldContext, problemText, renderFormField } from './form-field.ts';
import { initialRows, rowsOf } from './form-line-items.ts';
import { FormLookups } from './form-lookups.ts';
import { formPages, visibleFieldNames, visibleFields, visibleSections } from './form-pages.ts';
import {
  type ErrorSummary,
  renderActions,
  renderErrorSummary,
  renderStepNavigation,
  summaryAnnouncement,
} from './form-parts.ts';
import { formStyles } from './form-styles.ts';
import { parseJson, valueFromInput } from './form-values.ts';
import { prefilledValues } from './prefill.ts';

/** Detail of `kiban-submit`: the record to create, holding only fields the resident can see. */
export interface KibanSubmitDetail {
  values: RecordData;
  /** Files chosen for file fields, by field name: sent once the record exists. */
  files: Record<string, ChosenFile>;
}

/**
 * `<kiban-form>` renders a form of the metadata language for one entity and validates it in
 * the browser against the record schema the server publishes. It does no I/O besides the
 * draft in localStorage: a loader gives it metadata, schema, profile and reference lookup,
 * POSTs what `kiban-submit` carries and hands a refusal back through `problem`.
 */
export class KibanForm extends LitElement {
  static override properties = {
    entity: { attribute: false },
    form: { attribute: false },
    recordSchema: { attribute: false },
    profile: { attribute: false },
    prefillConsent: { type: Boolean, attribute: 'prefill-consent' },
    lookup: { attribute: false },
    problem: { attribute: false },
    language: { reflect: true },
    calendar: {},
    noDrafts: { type: Boolean, attribute: 'no-drafts' },
    submitKey: { attribute: false },
    values: { state: true },
    jsonTexts: { state: true },
    problems: { state: true },
    generalProblems: { state: true },
    pageIndex: { state: true },
    notice: { state: true },
    announcement: { state: true },
    hasDraft: { state: true },
    entities: { attribute: false },
    lineItemSchemas: { attribute: false },
    rowErrors: { state: true },
  };

  static override styles = [baseStyles, formStyles];

  declare entity: EntityMetadata | undefined;
  declare form: FormMetadata | undefined;
  /** `components.schemas.<Entity>Create` of `/api/openapi.json`; without it only the server validates. */
  declare recordSchema: JsonSchema | undefined;
  declare profile: RecordData | undefined;
  declare prefillConsent: boolean;
  declare lookup: LookupFunction | undefined;
  /** The server's problem+json answer to the last submit; its errors are shown on their fields. */
  declare problem: ProblemDocument | undefined;
  declare language: Language;
  declare calendar: CalendarPreference;
  /** Set where a draft on the device makes no sense, such as the profile. */
  declare noDrafts: boolean;
  /** What the submit button says: 送信する by default. */
  declare submitKey: MessageKey;
  declare values: RecordData;
  /** JSON fields keep the text typed so far, which may not parse yet. */
  declare jsonTexts: Record<string, string>;
  declare problems: FieldProblem[];
  declare generalProblems: string[];
  declare pageIndex: number;
  declare notice: string;
  declare announcement: string;
  declare hasDraft: boolean;
  /** Every entity by name: the children of line-item collections (and what computed fields read). */
  declare entities: ReadonlyMap<string, EntityMetadata> | undefined;
  /** `components.schemas.<Child>Create` of each line-item collection, by collection name. */
  declare lineItemSchemas: Readonly<Record<string, JsonSchema>> | undefined;
  declare rowErrors: Record<string, Record<string, string>[]>;

  private readonly checks = new FormChecks();
  private readonly pluginElements = new Map<string, HTMLElement>();
  private readonly lookups = new FormLookups(() => this.requestUpdate());
  private focusAfterUpdate: 'summary' | 'page' | undefined;

  constructor() {
    super();
    this.prefillConsent = false;
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.noDrafts = false;
    this.submitKey = 'form.submit';
    this.values = {};
    this.jsonTexts = {};
    this.problems = [];
    this.generalProblems = [];
    this.pageIndex = 0;
    this.notice = '';
    this.announcement = '';
    this.hasDraft = false;
    this.rowErrors = {};
  }

  /** Forgets the saved draft, e.g. once the loader has stored the record. */
  clearDraft(): void {
    if (this.form) discardDraft(this.form.name);
    this.hasDraft = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('form')) this.startValues();
    else if (changed.has('profile') || changed.has('prefillConsent')) this.addPrefill();
    if (changed.has('recordSchema')) this.checks.useSchema(this.recordSchema);
    if (changed.has('lineItemSchemas') || changed.has('entity')) {
      this.checks.useRowSchemas(this.entity, this.lineItemSchemas);
    }
    if (changed.has('problem') && this.problem) this.showServerProblem(this.problem);
    if (changed.has('lookup') || changed.has('entity')) this.lookups.load(this.lookup, this.entity);
  }

  protected override updated(): void {
    const target = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (target) this.renderRoot.querySelector<HTMLElement>(target === 'summary' ? '.summary' : 'h3.page')?.focus();
  }

  private startValues(): void {
    if (!this.form) return;
    const draft = this.noDrafts ? undefined : loadDraft(this.form.name);
    this.hasDraft = draft !== undefined;
    this.values = {
      ...initialRows(this.form, this.entity),
      ...prefilledValues(this.form, this.profile, this.prefillConsent),
      ...draft,
    };
    this.jsonTexts = {};
    this.pageIndex = 0;
    if (draft) this.notice = translate(this.language, 'form.draftRestored');
  }

  /** A profile that arrives later fills only what the resident has not entered yet. */
  private addPrefill(): void {
    if (this.form) this.values = { ...prefilledValues(this.form, this.profile, this.prefillConsent), ...this.values };
  }

  private fieldDefinition(name: string): FieldDefinition | undefined {
    return this.entity?.fields.find((field) => field.name === name);
  }

  private setValue(name: string, value: unknown): void {
    const values = { ...this.values };
    if (value === undefined) delete values[name];
    else values[name] = value;
    this.values = values;
    this.problems = this.problems.filter((problem) => problem.field !== name);
  }

  private setText(field: FieldDefinition, text: string): void {
    if (field.type !== 'json') {
      this.setValue(field.name, valueFromInput(field, text));
      return;
    }
    this.jsonTexts = { ...this.jsonTexts, [field.name]: text };
    const parsed = parseJson(text);
    this.setValue(field.name, parsed.ok ? parsed.value : undefined);
  }

  /** Problems of the fields in `scope`; each bad row's messages go on its cells. */
  private check(scope: ReadonlySet<string>): FieldProblem[] {
    const { problems, rowErrors } = this.checks.check({
      entity: this.entity,
      values: this.values,
      jsonTexts: this.jsonTexts,
      visible: visibleFieldNames(formPages(this.form as FormMetadata), this.values),
      language: this.language,
      calendar: this.calendar,
    });
    this.rowErrors = rowErrors;
    return problems.filter((problem) => scope.has(problem.field));
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    await this.checks.ready;
    if (!this.form) return;
    const pages = formPages(this.form);
    const onLastPage = this.pageIndex === pages.length - 1;
    const scope = onLastPage ? this.allFieldNames() : visibleFieldNames([pages[this.pageIndex]], this.values);
    const problems = this.check(scope);
    this.generalProblems = [];
    if (problems.length > 0) {
      this.showProblems(problems);
      return;
    }
    this.problems = [];
    if (!onLastPage) {
      this.goTo(this.pageIndex + 1);
      return;
    }
    const { record, files } = splitFiles(
      this.entity,
      this.checks.recordToSend(this.values, visibleFieldNames(pages, this.values)),
    );
    this.dispatchEvent(
      new CustomEvent<KibanSubmitDetail>('kiban-submit', {
        detail: { values: record, files },
        bubbles: true,
        composed: true,
      }),
    );
  }

  /** Every field the record schema may complain about: the whole entity, not only the form. */
  private allFieldNames(): Set<string> {
    return new Set(this.entity?.fields.map((field) => field.name));
  }

  private showProblems(problems: FieldProblem[]): void {
    this.problems = problems;
    const pages = formPages(this.form as FormMetadata);
    const firstPage = pages.findIndex((page) => visibleFieldNames([page], this.values).has(problems[0]?.field ?? ''));
    if (firstPage >= 0) this.pageIndex = firstPage;
    this.announcement = summaryAnnouncement(this.errorSummary());
    this.focusAfterUpdate = 'summary';
  }

  private showServerProblem(problem: ProblemDocument): void {
    const { fields, general } = serverProblems(problem, this.allFieldNames());
    this.generalProblems = general.length > 0 ? general : [translate(this.language, 'form.serverError')];
    this.showProblems(fields);
  }

  private goTo(pageIndex: number): void {
    this.pageIndex = pageIndex;
    this.notice = '';
    this.focusAfterUpdate = 'page';
  }

  private onSaveDraft(): void {
    if (!this.form || !saveDraft(this.form.name, this.values)) return;
    this.hasDraft = true;
    this.notice = translate(this.language, 'form.draftSaved');
  }

  private onDiscardDraft(): void {
    this.clearDraft();
    this.notice = translate(this.language, 'form.draftDiscarded');
  }

  private errorSummary(): ErrorSummary {
    const context = { entity: this.entity as EntityMetadata, language: this.language, calendar: this.calendar };
    const labelOf = (name: string) => {
      const field = this.fieldDefinition(name);
      return field ? localizedString(field.label, this.language) : name;
    };
    return {
      title: translate(this.language, 'form.errorSummary', {
        count: this.problems.length + this.generalProblems.length,
      }),
      general: this.generalProblems,
      fields: this.problems.map((problem) => ({
        field: problem.field,
        text: `${labelOf(problem.field)}: ${problemText(context, problem)}`,
      })),
    };
  }

  private fieldContext(): FormFieldContext {
    return {
      entity: this.entity as EntityMetadata,
      entities: this.entities,
      values: this.values,
      jsonTexts: this.jsonTexts,
      problems: this.problems,
      rowErrors: this.rowErrors,
      lookups: this.lookups,
      pluginElements: this.pluginElements,
      language: this.language,
      calendar: this.calendar,
      onText: (field, text) => this.setText(field, text),
      onValue: (name, value) => this.setValue(name, value),
      onRows: (name, change) => this.setValue(name, change(rowsOf(this.values, name))),
    };
  }

  override render() {
    if (!this.form || !this.entity) return nothing;
    const pages = formPages(this.form);
    const pageIndex = Math.min(this.pageIndex, pages.length - 1);
    const hasProblems = this.problems.length > 0 || this.generalProblems.length > 0;
    return html`<form novalidate lang=${this.language} @submit=${this.onSubmit}>
        <h2>${localizedText(this.form.label, this.language)}</h2>
        ${renderStepNavigation(this.form, pages, pageIndex, this.language)}
        ${hasProblems ? renderErrorSummary(this.errorSummary(), (field) => this.focusField(field)) : nothing}
        ${visibleSections(pages[pageIndex], this.values).map(
          (section) => html`<section aria-labelledby="section-${section.name}">
            <h3 id="section-${section.name}">${localizedText(section.label, this.language)}</h3>
            ${section.help ? html`<p class="help">${localizedText(section.help, this.language)}</p>` : nothing}
            ${visibleFields(section, this.values).map((placement) => renderFormField(this.fieldContext(), placement))}
          </section>`,
        )}
        ${renderActions({
          language: this.language,
          canGoBack: pageIndex > 0,
          hasDraft: this.hasDraft,
          onLastPage: pageIndex === pages.length - 1,
          drafts: !this.noDrafts,
          submitKey: this.submitKey,
          back: () => this.goTo(pageIndex - 1),
          saveDraft: () => this.onSaveDraft(),
          discardDraft: () => this.onDiscardDraft(),
        })}
        <p class="notice" role="status">${this.notice}</p>
      </form>
      <div class="visually-hidden" aria-live="polite" aria-atomic="true">${this.announcement}</div>`;
  }

  private focusField(name: string): void {
    this.renderRoot.querySelector<HTMLElement>(`#field-${name}`)?.focus();
  }
}
