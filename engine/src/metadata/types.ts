import type { NormalizeStep } from '@kiban/metadata/normalize';
import type { DashboardMetadata, ReportMetadata } from './report-types.ts';

/**
 * TypeScript view of the metadata language. The JSON Schemas in `metadata/schema/` are the
 * source of truth; these types mirror them for the interpreters.
 */

/** Languages the platform speaks. `ja` is required everywhere a label is; `ja-x-easy` is やさしい日本語. */
export const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy'] as const;
export type Language = (typeof LANGUAGES)[number];
export type I18nText = { ja: string } & Partial<Record<Exclude<Language, 'ja'>, string>>;

export const METADATA_KINDS = [
  'entity',
  'form',
  'view',
  'role',
  'rule',
  'workflow',
  'page',
  'report',
  'dashboard',
] as const;
export type MetadataKind = (typeof METADATA_KINDS)[number];

export interface MetadataBase {
  kind: MetadataKind;
  /** PascalCase for entities, camelCase or kebab-case for the others; unique per kind. */
  name: string;
  label: I18nText;
  description?: I18nText;
}

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

/** The filter language shared by API list filters, views and row-level policies. */
export const FILTER_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'isNull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FieldFilter = Partial<Record<FilterOperator, unknown>>;
/** Conjunction of per-field operator sets, e.g. `{ "status": { "in": ["open"] } }`. */
export type Filter = Record<string, FieldFilter>;

/** A condition on form values, used for conditional visibility. */
export type Condition =
  | { field: string; op: FilterOperator; value?: unknown }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface PrefillSource {
  /** Where the value comes from; `profile` is the signed-in resident's profile. */
  source: 'profile';
  /** Dotted path inside the source, e.g. `address.postalCode`. */
  path: string;
  /** Only prefill when the resident has consented to reuse of their profile data. */
  requiresConsent?: boolean;
}

export interface FormField {
  field: string;
  widget?: string;
  help?: I18nText;
  placeholder?: I18nText;
  readOnly?: boolean;
  visibleWhen?: Condition;
  prefill?: PrefillSource;
}

export interface FormSection {
  name: string;
  label: I18nText;
  help?: I18nText;
  /** Name of the step this section belongs to, when the form has steps. */
  step?: string;
  visibleWhen?: Condition;
  fields: FormField[];
}

export interface FormMetadata extends MetadataBase {
  kind: 'form';
  entity: string;
  steps?: { name: string; label: I18nText }[];
  sections: FormSection[];
}

export interface ViewColumn {
  field: string;
  label?: I18nText;
}

export interface ViewMetadata extends MetadataBase {
  kind: 'view';
  entity: string;
  columns: ViewColumn[];
  /** Fields offered as filter controls. */
  filterable?: string[];
  filter?: Filter;
  sort?: { field: string; direction: 'asc' | 'desc' }[];
  pageSize?: number;
}

export const ENTITY_ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];
export type FieldAccess = 'hidden' | 'readOnly';

/** Platform capabilities beyond entity data. */
export const CAPABILITIES = [
  'metadata.read',
  'metadata.publish',
  'principals.manage',
  'audit.read',
  'platform.manage',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Permission {
  entity: string;
  actions: EntityAction[];
  /**
   * Row-level condition; a key is a field or `reference.field` (one step). The value `"$user"`
   * stands for the signed-in principal's id, `"$principal.<attribute>"` for one of its attributes.
   */
  where?: Filter;
  fields?: Record<string, FieldAccess>;
  /** Records meeting it cannot be written through this permission. */
  lockedWhen?: RecordLock;
}

/** A staff attribute an administrator sets (e.g. `ward`), used in row conditions as `$principal.<name>`. */
export interface PrincipalAttribute {
  label: I18nText;
  /** The allowed values; any text when absent. */
  values?: string[];
}

export interface RoleMetadata extends MetadataBase {
  kind: 'role';
  audience: 'staff' | 'resident' | 'system';
  /** Granted to residents who create their own account. */
  selfSignUp?: boolean;
  /** Attributes the role's holders carry, by name. */
  principalAttributes?: Record<string, PrincipalAttribute>;
  permissions: Permission[];
  capabilities?: Capability[];
}

/** Operators of the rule language (richer than the filter language; see `metadata/schema/rule.json`). */
export const RULE_OPERATORS = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'contains',
  'arrayContains',
  'isNull',
  'isNotNull',
  'withinDays',
  'isBusinessDay',
] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A date relative to the evaluation date, e.g. `{ "relative": "-30d" }`: thirty days ago. */
export interface RelativeDate {
  relative: string;
}

/** Another field of the same record as an operand, e.g. `{ "field": "startDate" }`. */
export interface FieldOperand {
  field: string;
}

/**
 * One comparison. `fact` names a field, a field through a reference (`household.ward`), or,
 * with `of`, a computed fact: `age` of a date field in whole years.
 */
export interface RuleComparison {
  fact: string;
  of?: string;
  op: RuleOperator;
  value?: unknown;
}

export type RuleCondition =
  | RuleComparison
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition };

export interface RuleMetadata extends MetadataBase {
  kind: 'rule';
  /** The entity whose records the rule is about. */
  entity: string;
  /** `segment`: the rule selects a population to target (previews, notifications). */
  use?: 'decision' | 'segment';
  condition: RuleCondition;
}

/** Who a task is for, or who is notified: exactly one of a role, a department or a person. */
export type Assignee = { role: string } | { department: string } | { principal: string };

export type WorkflowDuration = { businessDays: number } | { hours: number };

/** A day relative to a date field of the record, at 00:00 Asia/Tokyo. */
export interface WorkflowTimerAt {
  field: string;
  businessDays?: number;
  days?: number;
}

/** Exactly one of `after` and `at`, and exactly one of `transition`, `reassignTo` and `actions`. */
export interface WorkflowTimer {
  after?: WorkflowDuration;
  at?: WorkflowTimerAt;
  transition?: string;
  reassignTo?: Assignee;
  /** Run without a transition: notify and emitEvent only. */
  actions?: Extract<WorkflowAction, { type: 'notify' | 'emitEvent' }>[];
}

export interface WorkflowState {
  name: string;
  label: I18nText;
  final?: boolean;
  task?: { label: I18nText; assignTo: Assignee };
  timers?: WorkflowTimer[];
}

/** A value in an action; `$now`, `$today`, `$actor` and `$record.<field>` are replaced when it runs. */
export type ValueTemplate = string | number | boolean | null;

export type WorkflowAction =
  | { type: 'setFields'; values: Record<string, ValueTemplate> }
  | { type: 'createRecord'; entity: string; values: Record<string, ValueTemplate> }
  | { type: 'callAction'; action: string; input?: Record<string, ValueTemplate> }
  | { type: 'emitEvent'; event: string }
  | { type: 'notify'; to: Assignee; message: I18nText };

export interface WorkflowTransition {
  name: string;
  label: I18nText;
  from: string[];
  to: string;
  roles?: string[];
  /** Name of a rule about the workflow's entity. */
  guard?: string;
  commentRequired?: boolean;
  actions?: WorkflowAction[];
}

export interface WorkflowMetadata extends MetadataBase {
  kind: 'workflow';
  entity: string;
  /** The enum field holding the state; only transitions write it. */
  stateField: string;
  initial: string;
  states: WorkflowState[];
  transitions: WorkflowTransition[];
}

export type PageComponent =
  | { type: 'markdown'; content: I18nText }
  | { type: 'form'; form: string }
  | { type: 'list'; view: string }
  | { type: 'detail'; entity: string }
  | { type: 'component'; tag: string; props?: Record<string, unknown> };

export interface PageMetadata extends MetadataBase {
  kind: 'page';
  portal: 'resident' | 'staff';
  /** The path within the portal; `:name` segments are parameters (`:id` for a detail). */
  route: string;
  /** Who sees the page; every signed-in user of the portal when absent. */
  roles?: string[];
  menu?: { order: number };
  layout: PageComponent[];
}

export type { DashboardMetadata, ReportMetadata } from './report-types.ts';

export type MetadataItem =
  | PageMetadata
  | EntityMetadata
  | FormMetadata
  | ViewMetadata
  | RoleMetadata
  | RuleMetadata
  | WorkflowMetadata
  | ReportMetadata
  | DashboardMetadata;

export interface PackageManifest {
  name: string;
  version: string;
  description?: I18nText;
  requires?: { plugins?: Record<string, string>; packages?: Record<string, string> };
  contents: { kind: MetadataKind; name: string; file: string }[];
  /** Only the listed items and rows are added or changed; nothing is removed. */
  partial?: boolean;
  /** Reference data: one file of rows per entity, matched by the natural key fields. */
  data?: { entity: string; key: string[]; file: string }[];
}

/** Columns every entity table has; field names may not reuse them. */
export const SYSTEM_FIELDS = ['id', 'version', 'owner', 'createdAt', 'updatedAt'] as const;

/** One problem found in metadata, located by file (when loaded from one) and JSON pointer. */
export interface MetadataError {
  kind?: MetadataKind | 'package';
  name?: string;
  file?: string;
  /** JSON pointer into the item, e.g. `/fields/2/type`. */
  pointer: string;
  code: string;
  message: { ja: string; en: string };
}
