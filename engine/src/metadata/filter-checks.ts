import { pointerOf } from './json-pointer.ts';
import { validateFieldValue } from './record-validator.ts';
import {
  collectionNotAllowedMessage,
  fieldNamed,
  type SemanticContext,
  SYSTEM_PROPERTY_FIELDS,
  unknownFieldMessage,
} from './semantic-context.ts';
import type {
  Condition,
  EntityMetadata,
  FieldDefinition,
  FieldType,
  Filter,
  FilterOperator,
  MetadataItem,
} from './types.ts';

/** Where field names are looked up and what they may be compared with. */
export interface FieldScope {
  item: MetadataItem;
  entity: EntityMetadata;
  context: SemanticContext;
  /** Whether system properties (id, owner, createdAt, updatedAt) count as fields here. */
  systemProperties: boolean;
  /** Whether the value "$user" stands for the signed-in principal (row policies only). */
  userPlaceholder: boolean;
}

const ORDERED_TYPES = new Set<FieldType>(['string', 'kana', 'integer', 'decimal', 'date', 'datetime']);
const TEXTUAL_TYPES = new Set<FieldType>(['string', 'text', 'kana', 'email', 'phone', 'postalCode']);

const APPLICABLE: Record<FilterOperator, (type: FieldType) => boolean> = {
  eq: (type) => type !== 'json' && type !== 'file',
  ne: (type) => type !== 'json' && type !== 'file',
  in: (type) => type !== 'json' && type !== 'file',
  lt: (type) => ORDERED_TYPES.has(type),
  lte: (type) => ORDERED_TYPES.has(type),
  gt: (type) => ORDERED_TYPES.has(type),
  gte: (type) => ORDERED_TYPES.has(type),
  contains: (type) => TEXTUAL_TYPES.has(type),
  isNull: () => true,
};

/**
 * The stored field (or, where allowed, system property) called `name`; reports and returns
 * undefined when there is none or it is a collection, which has no value to use.
 */
export function resolveField(name: string, pointer: string, scope: FieldScope): FieldDefinition | undefined {
  const field =
    fieldNamed(scope.entity, name) ?? (scope.systemProperties ? SYSTEM_PROPERTY_FIELDS.get(name) : undefined);
  if (!field) {
    const candidates = scope.entity.fields.map((f) => f.name);
    if (scope.systemProperties) candidates.push(...SYSTEM_PROPERTY_FIELDS.keys());
    const message = unknownFieldMessage(scope.entity.name, name, candidates);
    scope.context.report(scope.item, pointer, 'semantic.unknownField', message);
    return undefined;
  }
  if (field.type === 'collection') {
    scope.context.report(scope.item, pointer, 'semantic.collectionNotAllowed', collectionNotAllowedMessage(name));
    return undefined;
  }
  return field;
}

export function checkFilter(filter: Filter, pointer: string, scope: FieldScope): void {
  for (const [name, operators] of Object.entries(filter)) {
    const field = resolveField(name, `${pointer}${pointerOf(name)}`, scope);
    if (!field) continue;
    for (const [op, value] of Object.entries(operators)) {
      const at = `${pointer}${pointerOf(name, op)}`;
      checkComparison(field, op as FilterOperator, value, { op: at, value: at }, scope);
    }
  }
}

export function checkCondition(condition: Condition, pointer: string, scope: FieldScope): void {
  if ('not' in condition) {
    checkCondition(condition.not, `${pointer}/not`, scope);
    return;
  }
  if ('all' in condition || 'any' in condition) {
    const [group, inner] = 'all' in condition ? ['all', condition.all] : ['any', condition.any];
    for (const [i, part] of inner.entries()) checkCondition(part, `${pointer}/${group}/${i}`, scope);
    return;
  }
  const field = resolveField(condition.field, `${pointer}/field`, scope);
  if (field) {
    checkComparison(field, condition.op, condition.value, { op: `${pointer}/op`, value: `${pointer}/value` }, scope);
  }
}

/** The operator must suit the field's type, and the value must be one the field can hold. */
function checkComparison(
  field: FieldDefinition,
  op: FilterOperator,
  value: unknown,
  at: { op: string; value: string },
  scope: FieldScope,
): void {
  if (!APPLICABLE[op](field.type)) {
    scope.context.report(scope.item, at.op, 'semantic.operatorNotApplicable', {
      ja: `演算子「${op}」はフィールド「${field.name}」（型: ${field.type}）には使えません。`,
      en: `The operator "${op}" cannot be used with the field "${field.name}" (type ${field.type}).`,
    });
    return;
  }
  // contains takes any text and isNull a boolean; the language's schema has checked both.
  if (op === 'contains' || op === 'isNull') return;
  const values =
    op === 'in' && Array.isArray(value)
      ? value.map((v, i) => [v, `${at.value}/${i}`] as const)
      : [[value, at.value] as const];
  for (const [candidate, pointer] of values) {
    if (scope.userPlaceholder && candidate === '$user') {
      checkUserPlaceholder(field, op, pointer, scope);
      continue;
    }
    const judgedAs = op === 'eq' || op === 'ne' || op === 'in' ? field : boundField(field);
    for (const problem of validateFieldValue(judgedAs, candidate, pointer)) {
      scope.context.report(scope.item, problem.pointer, 'semantic.invalidFilterValue', problem.message);
    }
  }
}

/**
 * A range bound need not be a value the field accepts (`age > 17` with min 18 is fine),
 * only of the same kind: the field without its limits, and any text for text fields.
 */
function boundField(field: FieldDefinition): FieldDefinition {
  const type = field.type === 'string' || field.type === 'kana' ? 'text' : field.type;
  return { name: field.name, label: field.label, type, precision: field.precision, scale: field.scale };
}

/** "$user" is a principal id: it can only equal the id of a record, its owner, or a reference. */
function checkUserPlaceholder(field: FieldDefinition, op: FilterOperator, pointer: string, scope: FieldScope): void {
  if (field.type === 'reference' && (op === 'eq' || op === 'ne' || op === 'in')) return;
  scope.context.report(scope.item, pointer, 'semantic.userValue', {
    ja: `"$user"（ログイン中の利用者）は owner・id・参照フィールドとの eq・ne・in の比較にだけ使えます（ここではフィールド「${field.name}」、型: ${field.type}、演算子: ${op}）。`,
    en: `"$user" (the signed-in user) can only be compared with eq, ne or in against owner, id or a reference field (here: field "${field.name}", type ${field.type}, operator ${op}).`,
  });
}
