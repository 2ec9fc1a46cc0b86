import { checkComputedFields } from './compute-checks.ts';
import { displayPath, pointerOf } from './json-pointer.ts';
import type { LocalizedMessage } from './message-subject.ts';
import { validateFieldValue } from './record-validator.ts';
import {
  collectionNotAllowedMessage,
  fieldNamed,
  type SemanticContext,
  unknownEntityMessage,
  unknownFieldMessage,
} from './semantic-context.ts';
import { columnNameOf, SYSTEM_COLUMN_NAMES } from './storage.ts';
import { type EntityMetadata, type FieldDefinition, SYSTEM_FIELDS } from './types.ts';

/** Checks an entity's fields against each other, the storage rules and the other entities. */
export function checkEntity(entity: EntityMetadata, context: SemanticContext): void {
  checkFieldNames(entity, context);
  entity.fields.forEach((field, index) => {
    const at = (...rest: (string | number)[]) => pointerOf('fields', index, ...rest);
    checkTarget(entity, field, at, context);
    checkOptions(entity, field, at, context);
  });
  checkComputedFields(entity, context);
  checkFieldReference(entity, entity.titleField, pointerOf('titleField'), context);
  for (const [i, index] of (entity.indexes ?? []).entries()) {
    for (const [j, name] of index.fields.entries()) {
      checkFieldReference(entity, name, pointerOf('indexes', i, 'fields', j), context);
    }
  }
}

/** Names must be unique, not a system property's, and not share a column with anything else. */
function checkFieldNames(entity: EntityMetadata, context: SemanticContext): void {
  const reserved = new Set(SYSTEM_FIELDS.map((name) => name.toLowerCase()));
  const firstByName = new Map<string, number>();
  const columnOwners = new Map<string, LocalizedMessage>(
    Object.entries(SYSTEM_COLUMN_NAMES).map(([property, column]) => [
      column,
      { ja: `システムの項目「${property}」`, en: `the system property "${property}"` },
    ]),
  );
  entity.fields.forEach((field, index) => {
    const at = pointerOf('fields', index, 'name');
    const earlier = firstByName.get(field.name);
    if (earlier !== undefined) {
      context.report(entity, at, 'semantic.duplicateField', {
        ja: `フィールド名「${field.name}」は fields[${earlier}] と重複しています。`,
        en: `The field name "${field.name}" is already used by fields[${earlier}].`,
      });
      return;
    }
    firstByName.set(field.name, index);
    if (reserved.has(field.name.toLowerCase())) {
      context.report(entity, at, 'semantic.reservedFieldName', {
        ja: `フィールド名「${field.name}」はシステムが使う名前（${SYSTEM_FIELDS.join(', ')}）なので使えません。`,
        en: `The field name "${field.name}" is reserved for the system (${SYSTEM_FIELDS.join(', ')}).`,
      });
      return;
    }
    if (field.type === 'collection') return;
    const column = columnNameOf(field);
    const owner = columnOwners.get(column);
    if (owner === undefined) {
      columnOwners.set(column, { ja: `フィールド「${field.name}」`, en: `the field "${field.name}"` });
      return;
    }
    context.report(entity, at, 'semantic.columnCollision', {
      ja: `フィールド「${field.name}」はデータベースの列「${column}」に保存されますが、この列は${owner.ja}が使っています。別の名前にしてください。`,
      en: `The field "${field.name}" would be stored in the column "${column}", which ${owner.en} already uses. Choose another name.`,
    });
  });
}

type PointerAt = (...rest: (string | number)[]) => string;

/** A reference needs an existing target; a collection also needs the reference back. */
function checkTarget(entity: EntityMetadata, field: FieldDefinition, at: PointerAt, context: SemanticContext): void {
  if (field.target === undefined || context.unverifiedEntities.has(field.target)) return;
  const target = context.entities.get(field.target);
  if (!target) {
    const message = unknownEntityMessage(displayPath(at('target')), field.target, context.entities.keys());
    context.report(entity, at('target'), 'semantic.unknownEntity', message);
    return;
  }
  if (field.type !== 'collection' || field.inverse === undefined) return;
  const problem = inverseProblem(entity, target, field.inverse, context);
  if (problem) context.report(entity, at('inverse'), 'semantic.invalidInverse', problem);
}

function inverseProblem(
  entity: EntityMetadata,
  target: EntityMetadata,
  inverseName: string,
  context: SemanticContext,
): LocalizedMessage | undefined {
  const inverse = fieldNamed(target, inverseName);
  if (!inverse) return unknownFieldMessage(target.name, inverseName, fieldNames(target));
  const path = `${target.name}.${inverse.name}`;
  if (inverse.type !== 'reference') {
    return {
      ja: `${path} は参照（reference）フィールドではないので、逆参照に使えません（型: ${inverse.type}）。`,
      en: `${path} is not a reference field (it is ${inverse.type}), so it cannot be the inverse.`,
    };
  }
  // A reference to a missing entity is reported on its own entity, not again from here.
  const pointsElsewhere =
    inverse.target !== entity.name &&
    inverse.target !== undefined &&
    (context.entities.has(inverse.target) || context.unverifiedEntities.has(inverse.target));
  if (!pointsElsewhere) return undefined;
  return {
    ja: `${path} は「${entity.name}」ではなく「${inverse.target}」を参照しているので、逆参照に使えません。`,
    en: `${path} refers to "${inverse.target}", not to "${entity.name}", so it cannot be the inverse.`,
  };
}

function fieldNames(entity: EntityMetadata): string[] {
  return entity.fields.map((field) => field.name);
}

function checkOptions(entity: EntityMetadata, field: FieldDefinition, at: PointerAt, context: SemanticContext): void {
  const seenValues = new Set<string>();
  field.values?.forEach((value, index) => {
    if (seenValues.has(value.value)) {
      context.report(entity, at('values', index, 'value'), 'semantic.duplicateEnumValue', {
        ja: `選択肢の値「${value.value}」が重複しています。`,
        en: `The value "${value.value}" appears more than once.`,
      });
    }
    seenValues.add(value.value);
  });
  checkOrder(entity, at, ['min', 'max'], field.min, field.max, context);
  checkOrder(entity, at, ['minLength', 'maxLength'], field.minLength, field.maxLength, context);
  if (field.precision !== undefined && field.scale !== undefined && field.scale > field.precision) {
    context.report(entity, at('scale'), 'semantic.scaleExceedsPrecision', {
      ja: `小数点以下の桁数 scale（${field.scale}）が全体の桁数 precision（${field.precision}）を超えています。`,
      en: `scale (${field.scale}) is greater than precision (${field.precision}).`,
    });
  }
  if (field.pattern !== undefined) checkPattern(entity, field.pattern, at('pattern'), context);
  // A default is checked only once the field's own options make sense.
  if (field.default !== undefined && !isBroken(field)) {
    for (const problem of validateFieldValue(field, field.default, at('default'))) {
      context.report(entity, problem.pointer, 'semantic.invalidDefault', problem.message);
    }
  }
}

/** Bounds are numbers, or ISO strings for dates; ISO strings compare as the moments they denote. */
function checkOrder(
  entity: EntityMetadata,
  at: PointerAt,
  [lowName, highName]: [string, string],
  low: number | string | undefined,
  high: number | string | undefined,
  context: SemanticContext,
): void {
  if (low === undefined || high === undefined || comparable(low) <= comparable(high)) return;
  context.report(entity, at(lowName), 'semantic.rangeInverted', {
    ja: `${lowName}（${low}）が ${highName}（${high}）より大きくなっています。`,
    en: `${lowName} (${low}) is greater than ${highName} (${high}).`,
  });
}

function comparable(bound: number | string): number {
  return typeof bound === 'number' ? bound : Date.parse(bound);
}

function checkPattern(entity: EntityMetadata, pattern: string, pointer: string, context: SemanticContext): void {
  const problem = patternProblem(pattern);
  if (!problem) return;
  context.report(entity, pointer, 'semantic.invalidPattern', {
    ja: `pattern の正規表現「${pattern}」を読み取れません（${problem}）。`,
    en: `The regular expression "${pattern}" in pattern is not valid (${problem}).`,
  });
}

/** Validation compiles patterns as unicode ECMAScript expressions, in Node and in the browser alike. */
function patternProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Options already reported as contradictory: a default cannot be judged against them. */
function isBroken(field: FieldDefinition): boolean {
  const inverted = (low: number | string | undefined, high: number | string | undefined) =>
    low !== undefined && high !== undefined && comparable(low) > comparable(high);
  return (
    (field.pattern !== undefined && patternProblem(field.pattern) !== undefined) ||
    inverted(field.min, field.max) ||
    inverted(field.minLength, field.maxLength) ||
    inverted(field.scale, field.precision)
  );
}

/** `titleField` and index fields name stored fields of this entity. */
function checkFieldReference(
  entity: EntityMetadata,
  name: string | undefined,
  pointer: string,
  context: SemanticContext,
): void {
  if (name === undefined) return;
  const field = fieldNamed(entity, name);
  if (!field) {
    context.report(
      entity,
      pointer,
      'semantic.unknownField',
      unknownFieldMessage(entity.name, name, fieldNames(entity)),
    );
  } else if (field.type === 'collection') {
    context.report(entity, pointer, 'semantic.collectionNotAllowed', collectionNotAllowedMessage(name));
  }
}
