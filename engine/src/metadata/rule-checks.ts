import { displayPath, pointerOf } from './json-pointer.ts';
import { type FactProblem, operandFits, operatorApplies, resolveFact } from './rule-facts.ts';
import { fieldNamed, type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { EntityMetadata, MetadataItem, RuleComparison, RuleCondition, RuleMetadata } from './types.ts';
import { VALUE_KINDS } from './value-kinds.ts';

/** A rule names an existing entity; every fact resolves, every operator fits it, every value suits it. */
export function checkRule(rule: RuleMetadata, context: SemanticContext): void {
  if (context.unverifiedEntities.has(rule.entity)) return;
  const entity = context.entities.get(rule.entity);
  if (!entity) {
    const pointer = pointerOf('entity');
    context.report(
      rule,
      pointer,
      'semantic.unknownEntity',
      unknownEntityMessage(displayPath(pointer), rule.entity, context.entities.keys()),
    );
    return;
  }
  checkRuleCondition(rule, entity, rule.condition, ['condition'], context);
}

/**
 * A rule condition about `entity`'s records, wherever it is written (a rule, a lock, a
 * validation): every fact resolves, every operator fits it, every value suits it; a field
 * operand (`{ "field": "startDate" }`) names a field of the same kind.
 */
export function checkRuleCondition(
  item: MetadataItem,
  entity: EntityMetadata,
  condition: RuleCondition,
  at: (string | number)[],
  context: SemanticContext,
): void {
  const rule = item;
  const visit = (condition: RuleCondition, path: (string | number)[]): void => {
    if ('all' in condition) {
      for (const [i, each] of condition.all.entries()) visit(each, [...path, 'all', i]);
    } else if ('any' in condition) {
      for (const [i, each] of condition.any.entries()) visit(each, [...path, 'any', i]);
    } else if ('not' in condition) {
      visit(condition.not, [...path, 'not']);
    } else {
      checkComparison(condition, path);
    }
  };
  const checkComparison = (comparison: RuleComparison, path: (string | number)[]): void => {
    const resolved = resolveFact(comparison, entity, context.entities);
    if ('problem' in resolved) {
      // A reference to an entity that failed shape validation is that entity's problem, reported there.
      const target = fieldNamed(entity, comparison.of ?? comparison.fact.split('.')[0] ?? '')?.target;
      if (resolved.problem === 'unknownTarget' && target && context.unverifiedEntities.has(target)) return;
      const at = resolved.problem === 'ageNeedsDate' || resolved.problem === 'countNeedsCollection' ? 'of' : 'fact';
      context.report(
        rule,
        pointerOf(...path, at),
        `semantic.rule.${resolved.problem}`,
        factMessage(comparison, resolved.problem),
      );
      return;
    }
    if (!operatorApplies(comparison.op, resolved.kind)) {
      context.report(rule, pointerOf(...path, 'op'), 'semantic.rule.operatorMismatch', {
        ja: `事実「${comparison.fact}」には演算子「${comparison.op}」を使えません。`,
        en: `The operator "${comparison.op}" does not apply to the fact "${comparison.fact}".`,
      });
      return;
    }
    const operands = operandsToCheck(comparison);
    operands.forEach(([value, at]) => {
      if (isFieldOperand(value)) {
        const other = fieldNamed(entity, value.field);
        const sameKind = other && other.type !== 'collection' && VALUE_KINDS[other.type] === resolved.kind;
        if (sameKind && ['eq', 'ne', 'lt', 'lte', 'gt', 'gte'].includes(comparison.op)) return;
        context.report(rule, pointerOf(...path, 'value', ...at, 'field'), 'semantic.rule.invalidFieldOperand', {
          ja: `「${value.field}」は事実「${comparison.fact}」と同じ種類のフィールドでなければならず、eq・ne・lt・lte・gt・gte でだけ使えます。`,
          en: `"${value.field}" must be a field of the same kind as the fact "${comparison.fact}", used with eq, ne, lt, lte, gt or gte only.`,
        });
        return;
      }
      if (operandFits(value, resolved.kind, resolved.field)) return;
      context.report(rule, pointerOf(...path, 'value', ...at), 'semantic.rule.invalidValue', {
        ja: `値 ${JSON.stringify(value)} は事実「${comparison.fact}」と比べられません。`,
        en: `The value ${JSON.stringify(value)} cannot be compared with the fact "${comparison.fact}".`,
      });
    });
  };
  visit(condition, at);
}

function isFieldOperand(value: unknown): value is { field: string } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'field' in value;
}

/** The operands whose type depends on the fact, with their place under `value`. */
function operandsToCheck(comparison: RuleComparison): [unknown, number[]][] {
  const { op, value } = comparison;
  if (op === 'between' || op === 'in' || op === 'notIn') {
    return (value as unknown[]).map((each, i) => [each, [i]] as [unknown, number[]]);
  }
  // contains and withinDays take text and a day count whatever the fact; the schema checks those.
  if (
    op === 'isNull' ||
    op === 'isNotNull' ||
    op === 'isBusinessDay' ||
    op === 'contains' ||
    op === 'withinDays' ||
    op === 'arrayContains'
  ) {
    return [];
  }
  return [[value, []]];
}

function factMessage(comparison: RuleComparison, problem: FactProblem): { ja: string; en: string } {
  const fact = comparison.of === undefined ? comparison.fact : `${comparison.fact}(${comparison.of})`;
  switch (problem) {
    case 'unknownReference':
    case 'notAReference':
      return {
        ja: `事実「${fact}」の「.」の前は参照（reference）フィールドでなければなりません。`,
        en: `In the fact "${fact}", the part before "." must be a reference field.`,
      };
    case 'unknownTarget':
      return {
        ja: `事実「${fact}」の参照先のエンティティがありません。`,
        en: `The fact "${fact}" goes through a reference to an entity that does not exist.`,
      };
    case 'ageNeedsDate':
      return {
        ja: `age は日付（date）フィールドから計算します。「${comparison.of}」は日付ではありません。`,
        en: `age is computed from a date field; "${comparison.of}" is not a date.`,
      };
    case 'countNeedsCollection':
      return {
        ja: `count は一覧（collection）フィールドの件数です。「${comparison.of}」は一覧ではありません。`,
        en: `count counts the records of a collection field; "${comparison.of}" is not a collection.`,
      };
    default:
      return {
        ja: `事実「${fact}」はありません。フィールド名、参照.フィールド、または age か count と of を指定してください。`,
        en: `There is no fact "${fact}". Name a field, reference.field, or age or count with "of".`,
      };
  }
}
