import { html, nothing, type TemplateResult } from 'lit';
import { type CalendarPreference, translate } from '../../i18n/index.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  FormMetadata,
  JsonSchema,
  Language,
  RecordData,
} from '../../metadata/index.ts';
import { type FieldProblem, type RecordValidator, validatorOrNone } from '../../validation/index.ts';
import { localizedText } from '../shared/index.ts';
import { type LiveValues, liveComputedValues, type ReferencedRecord } from './computed-values.ts';

/** What the form hands the drawing of a computed field or a line-item table. */
export interface LineItemsContext {
  field: FieldDefinition;
  language: Language;
  calendar: CalendarPreference;
  errorMessage: string;
}

/** The rows of a line-item collection as the form holds them: an array under the collection's name. */
export function rowsOf(values: RecordData, collection: string): RecordData[] {
  const rows = values[collection];
  return Array.isArray(rows) ? (rows as RecordData[]) : [];
}

/** A new form starts each line-item collection it shows with its fewest rows, empty. */
export function initialRows(form: FormMetadata, entity: EntityMetadata | undefined): RecordData {
  const placed = new Set(form.sections.flatMap((section) => section.fields.map((each) => each.field)));
  const rows: RecordData = {};
  for (const field of entity?.fields ?? []) {
    if (!field.lineItems || !placed.has(field.name)) continue;
    rows[field.name] = Array.from({ length: field.lineItems.minItems ?? 0 }, () => ({}));
  }
  return rows;
}

/**
 * A validator per line-item collection from the child's create schema, less the reference back
 * to the parent, which the engine sets when it stores the row.
 */
export function rowValidators(
  entity: EntityMetadata | undefined,
  schemas: Readonly<Record<string, JsonSchema>> | undefined,
): Record<string, RecordValidator | undefined> {
  const validators: Record<string, RecordValidator | undefined> = {};
  for (const field of entity?.fields ?? []) {
    const schema = schemas?.[field.name];
    if (!field.lineItems || !schema || !field.inverse) continue;
    const { [field.inverse]: _parent, ...properties } = (schema.properties ?? {}) as Record<string, JsonSchema>;
    const required = ((schema.required ?? []) as string[]).filter((name) => name !== field.inverse);
    validators[field.name] = validatorOrNone({ ...schema, properties, required });
  }
  return validators;
}

/** Each row's messages by field, and the collections with a bad row. */
export function checkRows(
  entity: EntityMetadata | undefined,
  values: RecordData,
  validators: Record<string, RecordValidator | undefined>,
  describe: (problem: FieldProblem, field: FieldDefinition | undefined) => string,
): { errors: Record<string, Record<string, string>[]>; problems: string[] } {
  const errors: Record<string, Record<string, string>[]> = {};
  const problems: string[] = [];
  for (const [collection, validator] of Object.entries(validators)) {
    const child = entity?.fields.find((field) => field.name === collection);
    if (!validator || !child) continue;
    errors[collection] = rowsOf(values, collection).map((row) =>
      Object.fromEntries(validator(row).map((problem) => [problem.field, describe(problem, undefined)])),
    );
    if (errors[collection].some((row) => Object.keys(row).length > 0)) problems.push(collection);
  }
  return { errors, problems };
}

/** The form's computed values, or none when the entities they read are not known. */
export function liveFormValues(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata> | undefined,
  values: RecordData,
  referenced?: ReferencedRecord,
): LiveValues {
  return liveComputedValues(entity, entities ?? new Map([[entity.name, entity]]), values, referenced);
}

/** A computed field: its live value as output, labelled, announced politely as it changes. */
export function renderComputedField(context: LineItemsContext & { value: unknown }): TemplateResult {
  const id = `field-${context.field.name}`;
  const value = context.value === null || context.value === undefined ? '—' : String(context.value);
  return html`<div class="field computed">
    <label for=${id}>${localizedText(context.field.label, context.language)}
      <span class="computed-mark">${translate(context.language, 'form.computed')}</span></label>
    <output id=${id} aria-live="polite">${value}</output>
    ${context.errorMessage ? html`<p class="error">${context.errorMessage}</p>` : nothing}
  </div>`;
}
