// Entities: fields and their types, computed fields, locks and validations.
import type { NormalizeStep } from '@kiban/metadata/normalize';
import type { I18nText, MetadataBase } from './common.ts';
import type { RuleCondition } from './rules.ts';

export const FIELD_TYPES = [
  'string',
  'text',
  'integer',
  'decimal',
  'boolean',
  'date',
  'datetime',
  'enum',
  'email',
  'phone',
  'postalCode',
  'kana',
  'json',
  'reference',
  'collection',
  'file',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export type Classification = 'none' | 'personal' | 'sensitive';

export interface EnumValue {
  value: string;
  label: I18nText;
}

export interface FieldDefinition {
  name: string;
  /**
   * Metadata as written may also name a plugin field type, `<plugin>.<name>`; it is resolved
   * to its base type (see `customType`) before validation and the data layer interpret the
   * entity, so interpreters only ever meet the built-in types.
   */
  type: FieldType;
  label: I18nText;
  description?: I18nText;
  required?: boolean;
  unique?: boolean;
  indexed?: boolean;
  default?: unknown;
  /** Numbers: value range. Dates and datetimes: ISO bounds. */
  min?: number | string;
  max?: number | string;
  /** string, text, kana: length bounds and an ECMAScript (unicode) pattern. */
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  /**
   * string, text, kana: how a typed value is normalised before it is validated and stored,
   * replacing the type's own steps (see `normalization.ts`).
   */
  normalize?: NormalizeStep[];
  /** decimal: total digits and digits after the point. */
  precision?: number;
  scale?: number;
  /** enum: the allowed values with their labels. */
  values?: EnumValue[];
  /** reference and collection: the entity on the other side. */
  target?: string;
  /** collection: the reference field on `target` that points back here. */
  inverse?: string;
  /** file: the largest accepted size in bytes and the content types accepted (detected from the bytes). */
  maxSize?: number;
  accept?: string[];
  /** Personal-data classification; drives field audit and access defaults. */
  classification?: Classification;
  /** Conditions that must hold on every write while the field has a value. */
  validations?: RecordValidation[];
  /** A computed field: the stored value of this expression, read-only to every caller. */
  compute?: ComputeExpression;
  /** collection: its rows are written with the parent's create and update. */
  lineItems?: { minItems?: number; maxItems?: number };
  /**
   * Never written in metadata: set when a plugin field type is resolved. The type as written
   * and the schema its values must satisfy on top of the base type's.
   */
  customType?: {
    name: string;
    schema: Record<string, unknown>;
    normalize?: readonly NormalizeStep[];
    /** Said instead of the schema's own wording when a value does not satisfy it. */
    message?: I18nText;
  };
}

/**
 * The expression of a computed field (`metadata/schema/entity.json#/$defs/computeExpression`):
 * a literal, a fact of the rule language (`{ "fact": "fee" }`, `{ "fact": "item.fee" }`,
 * `{ "fact": "count", "of": "items" }`) or an operation. Inside `sum`/`min`/`max` the facts
 * are those of each row of the collection named by `of`.
 */
export type ComputeExpression =
  | string
  | number
  | boolean
  | { fact: string; of?: string }
  | { add: ComputeExpression[] }
  | { sub: [ComputeExpression, ComputeExpression] }
  | { mul: ComputeExpression[] }
  | { div: [ComputeExpression, ComputeExpression] }
  | { sum: ComputeExpression; of: string }
  | { min: ComputeExpression; of: string }
  | { max: ComputeExpression; of: string }
  | { concat: ComputeExpression[] }
  | { addDays: [ComputeExpression, ComputeExpression] }
  | { addBusinessDays: [ComputeExpression, ComputeExpression] }
  | { daysBetween: [ComputeExpression, ComputeExpression] }
  | { ageOn: [ComputeExpression, ComputeExpression] };

export interface IndexDefinition {
  fields: string[];
  unique?: boolean;
}

export interface EntityMetadata extends MetadataBase {
  kind: 'entity';
  fields: FieldDefinition[];
  indexes?: IndexDefinition[];
  /** The field shown when a record is referred to. */
  titleField?: string;
  /** Records meeting it cannot be created, changed or deleted except by a workflow transition. */
  lockedWhen?: RecordLock;
  /** Conditions the whole record must meet on every write. */
  validations?: RecordValidation[];
}

/** A rule condition on a record (facts: a field or reference.field) under which writes are refused. */
export interface RecordLock {
  condition: RuleCondition;
  message?: I18nText;
}

/** A rule condition every write must meet; the message is made from it when not given. */
export interface RecordValidation {
  condition: RuleCondition;
  message?: I18nText;
}
