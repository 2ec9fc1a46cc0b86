import { type CalendarPreference, translate } from '../../i18n/index.ts';
import type { EntityMetadata, JsonSchema, Language, RecordData } from '../../metadata/index.ts';
import {
  conditionProblems,
  type FieldProblem,
  loadRecordNormalizer,
  problemMessage,
  type RecordNormalizer,
  type RecordValidator,
  validatorOrNone,
} from '../../validation/index.ts';
import { fileProblems, splitFiles } from './file-field.ts';
import { checkRows, rowValidators } from './form-line-items.ts';
import { recordOf, unparsedJsonProblems } from './form-values.ts';

/** What a check of the form looks at. */
export interface FormState {
  entity: EntityMetadata | undefined;
  values: RecordData;
  /** JSON fields' typed text, which may not parse yet. */
  jsonTexts: Record<string, string>;
  /** The fields the form shows with the values as they are. */
  visible: ReadonlySet<string>;
  language: Language;
  calendar: CalendarPreference;
}

/**
 * The browser's side of validation: the record schema the server publishes (and its
 * normalisation of typed values), each line-item collection's row schema, and the
 * rule-language conditions — the same checks the server makes, shown before sending.
 */
export class FormChecks {
  private validator: RecordValidator | undefined;
  private normalizer: RecordNormalizer | undefined;
  private schema: JsonSchema | undefined;
  private rows: Record<string, RecordValidator | undefined> = {};
  /** Resolves once the normaliser of the current schema has loaded (or failed to). */
  ready: Promise<void> = Promise.resolve();

  /** A new record schema; without one only the server validates. */
  useSchema(schema: JsonSchema | undefined): void {
    this.schema = schema;
    this.validator = schema && validatorOrNone(schema);
    this.normalizer = undefined;
    if (!schema) return;
    // A submit waits for it; if it cannot load, the server still normalises what is sent.
    this.ready = loadRecordNormalizer(schema).then(
      (normalizer) => {
        if (this.schema === schema) this.normalizer = normalizer;
      },
      () => {},
    );
  }

  useRowSchemas(entity: EntityMetadata | undefined, schemas: Readonly<Record<string, JsonSchema>> | undefined): void {
    this.rows = rowValidators(entity, schemas);
  }

  /** The record to check and submit: the visible fields' values, normalised as the server will. */
  recordToSend(values: RecordData, visible: ReadonlySet<string>): RecordData {
    const record = recordOf(values, visible);
    return this.normalizer ? this.normalizer(record) : record;
  }

  /** Every problem of the form (the schema's verdict first, then unparsed JSON and conditions) and each bad row's messages. */
  check(state: FormState): { problems: FieldProblem[]; rowErrors: Record<string, Record<string, string>[]> } {
    const { entity, values, visible, language } = state;
    const rows = checkRows(entity, values, this.rows, (problem, field) =>
      problemMessage(problem, field, language, state.calendar),
    );
    const record = this.recordToSend(values, visible);
    const problems = [
      ...(this.validator?.(splitFiles(entity, record).record) ?? []),
      ...fileProblems(entity, values, visible),
      ...unparsedJsonProblems(state.jsonTexts, visible),
      // After the schema's: a field shows its first problem, and a malformed value is that.
      ...(entity ? conditionProblems(entity, record, language) : []),
      ...rows.problems.map((field) => ({
        kind: 'server' as const,
        field,
        message: translate(language, 'validation.invalid'),
      })),
    ];
    return { problems, rowErrors: rows.errors };
  }
}
