import { computeDependencies, entityCycle } from './compute-graph.ts';
import {
  COMPUTED_FIELD_KINDS,
  type ComputeFailure,
  type ComputeKind,
  isComputeFailure,
  resolveCompute,
} from './compute-resolve.ts';
import { pointerOf } from './json-pointer.ts';
import type { LocalizedMessage } from './message-subject.ts';
import { fieldNamed, type SemanticContext } from './semantic-context.ts';
import type { EntityMetadata, FieldDefinition } from './types.ts';

/**
 * Computed fields: the expression resolves (facts exist, operands have the right kinds), its
 * kind fits the field's type, the field takes no default, and computed values never depend
 * on themselves — within a record or through other entities. Line-item collections point
 * back through a reference the child may not write itself.
 */
export function checkComputedFields(entity: EntityMetadata, context: SemanticContext): void {
  entity.fields.forEach((field, index) => {
    if (field.lineItems) checkLineItems(entity, field, index, context);
    if (field.compute === undefined) return;
    const at = (...rest: (string | number)[]) => pointerOf('fields', index, ...rest);
    const kind = COMPUTED_FIELD_KINDS[field.type];
    if (!kind) {
      context.report(entity, at('compute'), 'semantic.compute.fieldType', {
        ja: `計算項目の型は string・text・integer・decimal・date のいずれかです（「${field.type}」は使えません）。`,
        en: `A computed field is a string, text, integer, decimal or date field, not ${field.type}.`,
      });
      return;
    }
    if (field.default !== undefined || field.required) {
      context.report(entity, at(field.default !== undefined ? 'default' : 'required'), 'semantic.compute.input', {
        ja: '計算項目は入力されないため、default や required は指定できません。',
        en: 'A computed field is never input, so it takes neither default nor required.',
      });
    }
    if (touchesUnverified(entity, context)) return;
    const resolved = resolveCompute(field, entity, context.entities);
    if (isComputeFailure(resolved)) {
      context.report(
        entity,
        at('compute', ...resolved.path),
        `semantic.compute.${resolved.problem}`,
        failureMessage(resolved),
      );
      return;
    }
    if (!fits(resolved.kind, kind)) {
      context.report(entity, at('compute'), 'semantic.compute.kindMismatch', {
        ja: `式の値（${resolved.kind}）はフィールドの型「${field.type}」に入りません。`,
        en: `The expression gives ${resolved.kind} values, which do not fit a ${field.type} field.`,
      });
    }
  });
  const cycle = entityCycle(entity.name, computeDependencies(context.entities));
  if (cycle) {
    const index = entity.fields.findIndex((field) => field.compute !== undefined);
    context.report(entity, pointerOf('fields', index, 'compute'), 'semantic.compute.cycle', {
      ja: `計算項目がエンティティをまたいで循環しています（${cycle.join(' → ')}）。`,
      en: `Computed fields depend on each other in a cycle across entities (${cycle.join(' → ')}).`,
    });
  }
}

/** Integers widen to decimals; every other kind must match exactly. */
function fits(expression: ComputeKind, field: ComputeKind): boolean {
  return expression === field || (expression === 'integer' && field === 'decimal');
}

function touchesUnverified(entity: EntityMetadata, context: SemanticContext): boolean {
  return entity.fields.some((field) => field.target !== undefined && context.unverifiedEntities.has(field.target));
}

function checkLineItems(entity: EntityMetadata, field: FieldDefinition, index: number, context: SemanticContext) {
  const { minItems, maxItems } = field.lineItems ?? {};
  if (minItems !== undefined && maxItems !== undefined && minItems > maxItems) {
    context.report(entity, pointerOf('fields', index, 'lineItems', 'minItems'), 'semantic.lineItems.range', {
      ja: `明細の最少行数（${minItems}）が最多行数（${maxItems}）を超えています。`,
      en: `The fewest line items (${minItems}) exceed the most (${maxItems}).`,
    });
  }
  const target = field.target === undefined ? undefined : context.entities.get(field.target);
  const inverse = target && field.inverse !== undefined ? fieldNamed(target, field.inverse) : undefined;
  if (inverse?.compute !== undefined) {
    context.report(entity, pointerOf('fields', index, 'inverse'), 'semantic.lineItems.computedInverse', {
      ja: '明細の親を指すフィールドは計算項目にできません。',
      en: 'The field pointing from a line item to its parent cannot be computed.',
    });
  }
}

function failureMessage(failure: ComputeFailure): LocalizedMessage {
  const { detail } = failure;
  switch (failure.problem) {
    case 'unknownFact':
      return {
        ja: `式の事実「${detail}」はありません。フィールド名、参照.フィールド、または count と of を指定してください。`,
        en: `The expression's fact "${detail}" does not exist. Name a field, reference.field, or count with "of".`,
      };
    case 'unsupportedFact':
      return {
        ja: `事実「${detail}」は計算に使えません（age は日ごとに変わるため ageOn で基準日を指定してください。datetime・json・参照 ID・真偽値も使えません）。`,
        en: `The fact "${detail}" cannot be computed with (age changes every day — use ageOn with the date it is taken on; datetime, json, reference ids and booleans are not computable).`,
      };
    case 'notACollection':
      return {
        ja: `「${detail}」は一覧（collection）フィールドではありません。`,
        en: `"${detail}" is not a collection field.`,
      };
    case 'nestedAggregate':
      return {
        ja: `集計（sum・min・max・count）の中で「${detail}」をさらに集計することはできません。`,
        en: `An aggregate (sum, min, max, count) cannot aggregate "${detail}" again inside it.`,
      };
    case 'exponentLiteral':
      return {
        ja: `数値 ${detail} は指数表記を使わずに書いてください。`,
        en: `Write the number ${detail} without an exponent.`,
      };
    case 'cycle':
      return {
        ja: `計算項目が循環しています（${detail}）。`,
        en: `Computed fields depend on each other in a cycle (${detail}).`,
      };
    default:
      return {
        ja: `この位置には使えない種類の値です（${detail}）。`,
        en: `A value of the wrong kind for this place (${detail}).`,
      };
  }
}
