import { nothing } from 'lit';
import type { CalendarPreference } from '../../i18n/index.ts';
import type { EntityMetadata, FieldDefinition, FormField, Language, RecordData } from '../../metadata/index.ts';
import { type FieldProblem, problemMessage } from '../../validation/index.ts';
import { localizedString, localizedText } from '../shared/index.ts';
import { renderFieldRow } from './field-row.ts';
import type { FieldView } from './field-view.ts';
import { type LineItemsContext, liveFormValues, renderComputedField, rowsOf } from './form-line-items.ts';
import type { FormLookups } from './form-lookups.ts';
import { displayText } from './form-values.ts';
import { renderLineItems } from './line-items.ts';

/** What `<kiban-form>` hands the drawing of one of its fields. */
export interface FormFieldContext {
  entity: EntityMetadata;
  entities: ReadonlyMap<string, EntityMetadata> | undefined;
  values: RecordData;
  jsonTexts: Record<string, string>;
  problems: readonly FieldProblem[];
  rowErrors: Record<string, Record<string, string>[]>;
  lookups: FormLookups;
  /** Plugin widgets by field name, kept across renders so that they keep their inner state. */
  pluginElements: Map<string, HTMLElement>;
  language: Language;
  calendar: CalendarPreference;
  onText: (field: FieldDefinition, text: string) => void;
  onValue: (name: string, value: unknown) => void;
  /** Changes a line-item collection's rows as they are when the change comes (several may come between renders). */
  onRows: (name: string, change: (rows: RecordData[]) => RecordData[]) => void;
}

/** The message of a problem on `field`, as the form shows it. */
export function problemText(
  context: Pick<FormFieldContext, 'entity' | 'language' | 'calendar'>,
  problem: FieldProblem,
) {
  const field = context.entity.fields.find((each) => each.name === problem.field);
  return problemMessage(problem, field, context.language, context.calendar);
}

/**
 * One placed field: an input row, a computed field's live value, or a line-item table with
 * its rows' live values.
 */
export function renderFormField(context: FormFieldContext, placement: FormField) {
  const field = context.entity.fields.find((each) => each.name === placement.field);
  if (!field) return nothing;
  const { language, calendar, values } = context;
  const problem = context.problems.find((candidate) => candidate.field === field.name);
  const errorMessage = problem ? problemText(context, problem) : '';
  if (field.compute !== undefined || field.lineItems) {
    const live = liveValues(context);
    const lineContext = { field, language, calendar, errorMessage };
    return field.lineItems
      ? renderTable(context, lineContext, live)
      : renderComputedField({ ...lineContext, value: live.values[field.name] });
  }
  const view: FieldView = {
    field,
    placement,
    id: `field-${field.name}`,
    label: localizedText(field.label, language),
    labelText: localizedString(field.label, language),
    help: placement.help ? localizedText(placement.help, language) : undefined,
    placeholder: placement.placeholder ? localizedString(placement.placeholder, language) : undefined,
    text: context.jsonTexts[field.name] ?? displayText(field, values[field.name]),
    value: values[field.name],
    required: field.required === true && field.default === undefined,
    readOnly: placement.readOnly === true,
    errorMessage,
    lookup: context.lookups.of(field.name),
    language,
    calendar,
    onText: (text) => context.onText(field, text),
    onValue: (value) => context.onValue(field.name, value),
  };
  return renderFieldRow(view, context.pluginElements);
}

function liveValues(context: FormFieldContext) {
  return liveFormValues(context.entity, context.entities, context.values, (entity, field, id) =>
    context.lookups.record(entity, field, id, entity === context.entity),
  );
}

function renderTable(context: FormFieldContext, lineContext: LineItemsContext, live: ReturnType<typeof liveValues>) {
  const { field } = lineContext;
  const child = field.target ? context.entities?.get(field.target) : undefined;
  if (!child) return nothing;
  return renderLineItems({
    ...lineContext,
    collection: field,
    child,
    id: `field-${field.name}`,
    rows: rowsOf(context.values, field.name),
    computed: live.rows[field.name] ?? [],
    rowErrors: context.rowErrors[field.name] ?? [],
    lookups: context.lookups.forChild(child),
    onRows: (change) => context.onRows(field.name, change),
  });
}
