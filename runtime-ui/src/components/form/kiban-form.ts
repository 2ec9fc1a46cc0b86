import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { type CalendarPreference, DEFAULT_LANGUAGE, type MessageKey, translate } from '../../i18n/index.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  FormField,
  FormMetadata,
  JsonSchema,
  Language,
  ProblemDocument,
  RecordData,
} from '../../metadata/index.ts';
import {
  conditionProblems,
  type FieldProblem,
  loadRecordNormalizer,
  problemMessage,
  type RecordNormalizer,
  type RecordValidator,
  serverProblems,
  validatorOrNone,
} from '../../validation/index.ts';
import { baseStyles, localizedString, localizedText } from '../shared/index.ts';
import { discardDraft, loadDraft, saveDraft } from './drafts.ts';
import { renderFieldRow } from './field-row.ts';
import type { FieldView, LookupFunction, LookupState } from './field-view.ts';
import { type ChosenFile, fileProblems, splitFiles } from './file-field.ts';
import {
  checkRows,
  initialRows,
  type LineItemsContext,
  liveFormValues,
  renderComputedField,
  rowsOf,
  rowValidators,
} from './form-line-items.ts';
import { formPages, visibleFieldNames, visibleFields, visibleSections } from './form-pages.ts';
import {
  type ErrorSummary,
  renderActions,
  renderErrorSummary,
  renderStepNavigation,
  summaryAnnouncement,
} from './form-parts.ts';
import { formStyles } from './form-styles.ts';
import { displayText, parseJson, recordOf, unparsedJsonProblems, valueFromInput } from './form-values.ts';
import { renderLineItems } from './line-items.ts';
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
    lookups: { state: true },
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
  declare lookups: Record<string, LookupState>;
  declare hasDraft: boolean;
  /** Every entity by name: the children of line-item collections (and what computed fields read). */
  declare entities: ReadonlyMap<string, EntityMetadata> | undefined;
  /** `components.schemas.<Child>Create` of each line-item collection, by collection name. */
  declare lineItemSchemas: Readonly<Record<string, JsonSchema>> | undefined;
  declare rowErrors: Record<string, Record<string, string>[]>;

  private validator: RecordValidator | undefined;
  /** The server's normalisation of typed values, applied before checking and sending them. */
  private normalizer: RecordNormalizer | undefined;
  private normalizerLoading: Promise<void> = Promise.resolve();
  private rowValidators: Record<string, RecordValidator | undefined> = {};
  private readonly pluginElements = new Map<string, HTMLElement>();
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
    this.lookups = {};
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
    if (changed.has('recordSchema')) {
      this.validator = this.recordSchema && validatorOrNone(this.recordSchema);
      this.loadNormalizer();
    }
    if (changed.has('lineItemSchemas') || changed.has('entity')) {
      this.rowValidators = rowValidators(this.entity, this.lineItemSchemas);
    }
    if (changed.has('problem') && this.problem) this.showServerProblem(this.problem);
    if (changed.has('lookup') || changed.has('entity')) this.loadLookups();
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

  /** Asks for the choices of every reference field; each select fills in when its answer comes. */
  private loadLookups(): void {
    const lookup = this.lookup;
    const references = this.entity?.fields.filter((field) => field.type === 'reference') ?? [];
    this.lookups = lookup ? Object.fromEntries(references.map((field) => [field.name, 'loading' as const])) : {};
    if (!lookup) return;
    for (const field of references) {
      const settle = (state: LookupState) => {
        // An answer for a lookup that has since been replaced is stale.
        if (this.lookup === lookup) this.lookups = { ...this.lookups, [field.name]: state };
      };
      lookup(field).then(settle, () => settle('failed'));
    }
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

  private loadNormalizer(): void {
    const schema = this.recordSchema;
    this.normalizer = undefined;
    if (!schema) return;
    // A submit waits for it; if it cannot load, the server still normalises what is sent.
    this.normalizerLoading = loadRecordNormalizer(schema).then(
      (normalizer) => {
        if (this.recordSchema === schema) this.normalizer = normalizer;
      },
      () => {},
    );
  }

  /** The record to check and submit: the visible fields' values, normalised as the server will. */
  private recordToSend(visible: ReadonlySet<string>): RecordData {
    const record = recordOf(this.values, visible);
    return this.normalizer ? this.normalizer(record) : record;
  }

  /** Problems of the fields in `scope`: the schema's verdict plus JSON that does not parse. */
  private check(scope: ReadonlySet<string>): FieldProblem[] {
    const visible = visibleFieldNames(formPages(this.form as FormMetadata), this.values);
    const rows = checkRows(this.entity, this.values, this.rowValidators, (problem, field) =>
      problemMessage(problem, field, this.language, this.calendar),
    );
    this.rowErrors = rows.errors;
    const problems = [
      ...(this.validator?.(splitFiles(this.entity, this.recordToSend(visible)).record) ?? []),
      ...fileProblems(this.entity, this.values, visible),
      ...unparsedJsonProblems(this.jsonTexts, visible),
      // After the schema's: a field shows its first problem, and a malformed value is that.
      ...(this.entity ? conditionProblems(this.entity, this.recordToSend(visible), this.language) : []),
      ...rows.problems.map((field) => ({
        kind: 'server' as const,
        field,
        message: translate(this.language, 'validation.invalid'),
      })),
    ];
    return problems.filter((problem) => scope.has(problem.field));
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    await this.normalizerLoading;
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
    const { record, files } = splitFiles(this.entity, this.recordToSend(visibleFieldNames(pages, this.values)));
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

  private problemText(problem: FieldProblem): string {
    return problemMessage(problem, this.fieldDefinition(problem.field), this.language, this.calendar);
  }

  private fieldLabel(name: string): string {
    const field = this.fieldDefinition(name);
    return field ? localizedString(field.label, this.language) : name;
  }

  private errorSummary(): ErrorSummary {
    return {
      title: translate(this.language, 'form.errorSummary', {
        count: this.problems.length + this.generalProblems.length,
      }),
      general: this.generalProblems,
      fields: this.problems.map((problem) => ({
        field: problem.field,
        text: `${this.fieldLabel(problem.field)}: ${this.problemText(problem)}`,
      })),
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
            ${visibleFields(section, this.values).map((placement) => this.renderField(placement))}
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

  private renderField(placement: FormField) {
    const field = this.fieldDefinition(placement.field);
    if (!field) return nothing;
    const problem = this.problems.find((candidate) => candidate.field === field.name);
    const errorMessage = problem ? this.problemText(problem) : '';
    if (field.compute !== undefined || field.lineItems) {
      const live = this.liveValues();
      const context = { field, language: this.language, calendar: this.calendar, errorMessage };
      return field.lineItems
        ? this.renderLineItems(context, live)
        : renderComputedField({ ...context, value: live.values[field.name] });
    }
    const view: FieldView = {
      field,
      placement,
      id: `field-${field.name}`,
      label: localizedText(field.label, this.language),
      labelText: localizedString(field.label, this.language),
      help: placement.help ? localizedText(placement.help, this.language) : undefined,
      placeholder: placement.placeholder ? localizedString(placement.placeholder, this.language) : undefined,
      text: this.jsonTexts[field.name] ?? displayText(field, this.values[field.name]),
      value: this.values[field.name],
      required: field.required === true && field.default === undefined,
      readOnly: placement.readOnly === true,
      errorMessage,
      lookup: this.lookups[field.name],
      language: this.language,
      calendar: this.calendar,
      onText: (text) => this.setText(field, text),
      onValue: (value) => this.setValue(field.name, value),
    };
    return renderFieldRow(view, this.pluginElements);
  }

  private liveValues() {
    return liveFormValues(this.entity as EntityMetadata, this.entities, this.values, (entity, field, id) => {
      const state =
        entity === this.entity ? this.lookups[field.name] : this.childLookups[`${entity.name}.${field.name}`];
      return Array.isArray(state) ? state.find((option) => option.value === id)?.record : undefined;
    });
  }

  private renderLineItems(context: LineItemsContext, live: ReturnType<typeof liveFormValues>) {
    const { field } = context;
    const child = field.target ? this.entities?.get(field.target) : undefined;
    if (!child) return nothing;
    return renderLineItems({
      ...context,
      collection: field,
      child,
      id: `field-${field.name}`,
      rows: rowsOf(this.values, field.name),
      computed: live.rows[field.name] ?? [],
      rowErrors: this.rowErrors[field.name] ?? [],
      lookups: this.lineLookups(child),
      onRows: (change) => this.setValue(field.name, change(rowsOf(this.values, field.name))),
    });
  }

  /** The parent's lookup serves the child's reference fields too: it asks by the field's target. */
  private lineLookups(child: EntityMetadata): Record<string, LookupState> {
    const lookups: Record<string, LookupState> = {};
    for (const field of child.fields) {
      if (field.type !== 'reference') continue;
      const key = `${child.name}.${field.name}`;
      if (!(key in this.childLookups) && this.lookup) {
        this.childLookups[key] = 'loading';
        const lookup = this.lookup;
        const settle = (state: LookupState) => {
          if (this.lookup !== lookup) return;
          this.childLookups = { ...this.childLookups, [key]: state };
          this.requestUpdate();
        };
        lookup(field).then(settle, () => settle('failed'));
      }
      const state = this.childLookups[key];
      if (state) lookups[field.name] = state;
    }
    return lookups;
  }

  private childLookups: Record<string, LookupState> = {};
}
