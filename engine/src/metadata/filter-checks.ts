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
  /**
   * Row policies only: the attributes `"$principal.<name>"` may name (besides id and
   * department), and that keys may go one step through a reference (`request.ward`).
   */
  principalAttributes?: ReadonlySet<string>;
}

const PRINCIPAL_PREFIX = '$principal.';
/** Operators a `reference.field` key of a row policy may use (see data/reference-filters.ts). */
const THROUGH_REFERENCE = new Set<string>(['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'isNull']);

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
    const through = name.includes('.') && scope.principalAttributes !== undefined;
    const resolved = through
      ? resolveThroughReference(name, `${pointer}${pointerOf(name)}`, scope)
      : { field: resolveField(name, `${pointer}${pointerOf(name)}`, scope), scope };
    if (!resolved.field) continue;
    for (const [op, value] of Object.entries(operators)) {
      const at = `${pointer}${pointerOf(name, op)}`;
      if (through && !THROUGH_REFERENCE.has(op)) {
        scope.context.report(scope.item, at, 'semantic.operatorNotApplicable', {
          ja: `参照先のフィールド「${name}」には演算子「${op}」を使えません（eq・ne・lt・lte・gt・gte・in・isNull だけ）。`,
          en: `The operator "${op}" cannot be used through the reference "${name}" (only eq, ne, lt, lte, gt, gte, in, isNull).`,
        });
        continue;
      }
      checkComparison(resolved.field, op as FilterOperator, value, { op: at, value: at }, resolved.scope);
    }
  }
}

/** `request.ward`: the reference field `request`, then `ward` on the entity it points to. */
function resolveThroughReference(
  name: string,
  pointer: string,
  scope: FieldScope,
): { field: FieldDefinition | undefined; scope: FieldScope } {
  const [referenceName, targetName] = name.split('.') as [string, string];
  const reference = fieldNamed(scope.entity, referenceName);
  const target = reference?.type === 'reference' && reference.target ? reference.target : undefined;
  if (!target || !scope.context.entities.has(target)) {
    if (target && scope.context.unverifiedEntities.has(target)) return { field: undefined, scope };
    scope.context.report(scope.item, pointer, 'semantic.notAReference', {
      ja: `「${name}」の「.」の前は、公開されたエンティティへの参照（reference）フィールドでなければなりません。`,
      en: `In "${name}", the part before "." must be a reference field to an existing entity.`,
    });
    return { field: undefined, scope };
  }
  const targetScope = {
    ...scope,
    entity: scope.context.entities.get(target) as EntityMetadata,
    systemProperties: true,
  };
  return { field: resolveField(targetName, pointer, targetScope), scope: targetScope };
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
    if (scope.principalAttributes && typeof candidate === 'string' && candidate.startsWith(PRINCIPAL_PREFIX)) {
      checkPrincipalAttribute(field, op, candidate.slice(PRINCIPAL_PREFIX.length), pointer, scope);
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

/**
 * `"$principal.<name>"` names the principal's id (like "$user"), its department or an attribute a
 * published role declares; department and attributes are text, so the field must hold text.
 */
function checkPrincipalAttribute(
  field: FieldDefinition,
  op: FilterOperator,
  name: string,
  pointer: string,
  scope: FieldScope,
): void {
  if (name === 'id') {
    checkUserPlaceholder(field, op, pointer, scope);
    return;
  }
  const attributes = scope.principalAttributes ?? new Set<string>();
  if (name !== 'department' && !attributes.has(name)) {
    const known = ['id', 'department', ...attributes].join(', ');
    scope.context.report(scope.item, pointer, 'semantic.unknownPrincipalAttribute', {
      ja: `"$principal.${name}" の属性「${name}」はどのロールの principalAttributes にも宣言されていません（使えるもの: ${known}）。`,
      en: `The attribute "${name}" of "$principal.${name}" is not declared in any role's principalAttributes (known: ${known}).`,
    });
    return;
  }
  if (!TEXTUAL_TYPES.has(field.type) && field.type !== 'enum') {
    scope.context.report(scope.item, pointer, 'semantic.userValue', {
      ja: `"$principal.${name}" は文字列です。文字列か列挙のフィールドと比べてください（ここではフィールド「${field.name}」、型: ${field.type}）。`,
      en: `"$principal.${name}" is text; compare it with a text or enum field (here: field "${field.name}", type ${field.type}).`,
    });
  }
}

/** "$user" is a principal id: it can only equal the id of a record, its owner, or a reference. */
function checkUserPlaceholder(field: FieldDefinition, op: FilterOperator, pointer: string, scope: FieldScope): void {
  if (field.type === 'reference' && (op === 'eq' || op === 'ne' || op === 'in')) return;
  scope.context.report(scope.item, pointer, 'semantic.userValue', {
    ja: `"$user"（ログイン中の利用者）は owner・id・参照フィールドとの eq・ne・in の比較にだけ使えます（ここではフィールド「${field.name}」、型: ${field.type}、演算子: ${op}）。`,
    en: `"$user" (the signed-in user) can only be compared with eq, ne or in against owner, id or a reference field (here: field "${field.name}", type ${field.type}, operator ${op}).`,
  });
}
