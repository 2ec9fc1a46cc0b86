import type { EntityManager, EntitySchema } from '@mikro-orm/postgresql';
import { personalFieldsIn } from '../access/index.ts';
import { quoteIdent, SYSTEM_COLUMN_NAMES, tableName } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { resolveFact } from '../metadata/rule-facts.ts';
import type { EntityMetadata, RuleComparison, RuleCondition, RuleMetadata } from '../metadata/types.ts';
import { markDenial, type RecordScope } from '../records/index.ts';
import { authorization, authorize, rowPolicyFilter } from '../records/scope.ts';
import type { ReadableIds } from './compile-sql.ts';

/** The caller's row policy on the entity as a boolean SQL expression over `alias`, or null for every row. */
export type ReadableRows = (entity: EntityMetadata, alias: string) => string | null;

/** What a rule may read when it runs for a caller, and what of it is personal data. */
export interface CallerFacts {
  readableIds: ReadableIds;
  /** The same row policy as a condition on a table alias, for a query that scans the entity itself. */
  readableRows: ReadableRows;
  /** Personal or sensitive fields the rule's facts read, by entity: a read the audit trail records. */
  personalFields: Map<string, string[]>;
}

interface Refusal {
  pointer: string;
  field: string;
}

/**
 * A rule run for a caller sees what the caller may see, no more: every fact it reads — a
 * field of the subject, a field behind a reference, a counted collection — must be readable
 * under their field policy (else 403, as a list filter on a hidden field is), and the rows
 * behind reference and count facts are only those their row policy lets them read.
 */
export function authorizeRuleFacts(scope: RecordScope, em: EntityManager, rule: RuleMetadata): CallerFacts {
  const subject = authorizeSubject(scope, rule);
  const { refused, personal } = readFacts(scope, subject.entity, rule);
  if (refused.length > 0) throw factsHidden(rule.entity, refused);
  const readableIds = readableIdsFor(scope, em);
  return { readableIds, readableRows: readableRowsFor(scope, em, readableIds), personalFields: personal };
}

/** Whether every fact of the rule is readable for the scope's principal (the entity included). */
export function ruleFactsReadable(scope: RecordScope, rule: RuleMetadata): boolean {
  const entity = scope.live.entities.get(rule.entity);
  if (!entity || !authorization(scope, entity, 'read').allowed) return false;
  return readFacts(scope, entity, rule).refused.length === 0;
}

function readFacts(scope: RecordScope, subject: EntityMetadata, rule: RuleMetadata) {
  const refused: Refusal[] = [];
  const personal = new Map<string, string[]>();
  const read = (entity: EntityMetadata, field: string, pointer: string) => {
    const auth = authorization(scope, entity, 'read');
    if (!auth.allowed || auth.hiddenFields.has(field)) refused.push({ pointer, field });
    const named = personal.get(entity.name) ?? [];
    personal.set(entity.name, [...new Set([...named, ...personalFieldsIn(entity, [field])])]);
  };
  for (const [comparison, pointer] of comparisonsWithPointers(rule.condition, '/rule/condition')) {
    const fact = resolveFact(comparison, subject, scope.live.entities);
    if ('problem' in fact) continue;
    const at = `${pointer}/${comparison.of === undefined ? 'fact' : 'of'}`;
    switch (fact.source) {
      case 'field':
      case 'age':
        read(subject, fact.field.name, at);
        break;
      case 'reference':
        read(subject, fact.reference.name, at);
        read(fact.target, fact.field.name, at);
        break;
      case 'count':
        read(fact.target, fact.inverse.name, at);
        break;
      default:
        // A kind of fact this check does not know yet may read anything of the subject.
        for (const field of subject.fields) read(subject, field.name, at);
    }
    // Another field of the subject as the operand (`{ "field": "startDate" }`) is read too.
    const operands = Array.isArray(comparison.value) ? comparison.value : [comparison.value];
    for (const [i, operand] of operands.entries()) {
      if (typeof operand !== 'object' || operand === null || !('field' in operand)) continue;
      const operandAt = Array.isArray(comparison.value) ? `${pointer}/value/${i}/field` : `${pointer}/value/field`;
      read(subject, String(operand.field), operandAt);
    }
  }
  for (const [entity, names] of personal) if (names.length === 0) personal.delete(entity);
  return { refused, personal };
}

function authorizeSubject(scope: RecordScope, rule: RuleMetadata) {
  try {
    return authorize(scope, rule.entity, 'read');
  } catch (error) {
    throw error instanceof KibanError ? markDenial(error, { entity: rule.entity }) : error;
  }
}

/** The caller's row policy on each entity as a query of ids, built once per entity. */
function readableIdsFor(scope: RecordScope, em: EntityManager): ReadableIds {
  const built = new Map<string, string | null>();
  return (entity) => {
    if (!built.has(entity.name)) built.set(entity.name, policyQuery(scope, em, entity, 'p'));
    return built.get(entity.name) ?? null;
  };
}

/**
 * The row policy as the WHERE of its own query of ids built over `alias` — the same compiler,
 * so a report filters the rows of its one scan instead of semi-joining a second scan of the
 * table. A policy the builder could not put in one WHERE over the bare table (a join) stays
 * `alias.id in (query of ids)`.
 */
function readableRowsFor(scope: RecordScope, em: EntityManager, readableIds: ReadableIds): ReadableRows {
  const built = new Map<string, string | null>();
  return (entity, alias) => {
    const key = `${entity.name} ${alias}`;
    if (!built.has(key)) {
      const query = policyQuery(scope, em, entity, alias);
      const id = quoteIdent(SYSTEM_COLUMN_NAMES.id);
      const head = `select ${quoteIdent(alias)}.${id} from ${quoteIdent(tableName(entity.name))} as ${quoteIdent(alias)} where `;
      // Bracketed, so that a filter's `and` beside it cannot bind into the policy's `or`.
      if (query === null) built.set(key, null);
      else if (query.startsWith(head)) built.set(key, `(${query.slice(head.length)})`);
      else built.set(key, `${alias}.id in (${readableIds(entity)})`);
    }
    return built.get(key) ?? null;
  };
}

/** `select alias.id from <table> alias where <row policy>` with its values inlined, or null when every row is readable. */
function policyQuery(scope: RecordScope, em: EntityManager, entity: EntityMetadata, alias: string): string | null {
  const auth = authorization(scope, entity, 'read');
  if (auth.rowFilters === null) return null;
  // A denied entity has the empty list of row filters, which selects no row.
  return em
    .createQueryBuilder(scope.live.schemas.get(entity.name) as EntitySchema, alias)
    .select(`${alias}.id`)
    .where(rowPolicyFilter(scope, { entity, auth }) as never)
    .getFormattedQuery();
}

function* comparisonsWithPointers(condition: RuleCondition, pointer: string): Generator<[RuleComparison, string]> {
  if ('all' in condition) {
    for (const [i, each] of condition.all.entries()) yield* comparisonsWithPointers(each, `${pointer}/all/${i}`);
  } else if ('any' in condition) {
    for (const [i, each] of condition.any.entries()) yield* comparisonsWithPointers(each, `${pointer}/any/${i}`);
  } else if ('not' in condition) {
    yield* comparisonsWithPointers(condition.not, `${pointer}/not`);
  } else {
    yield [condition, pointer];
  }
}

function factsHidden(entity: string, refused: Refusal[]): KibanError {
  const error = new KibanError(
    'access.fieldHidden',
    403,
    { ja: 'ルールが参照できない項目を使っています。', en: 'The rule reads fields you may not see.' },
    refused.map(({ pointer, field }) => ({
      pointer,
      code: 'access.fieldHidden',
      message: { ja: `項目「${field}」は参照できません。`, en: `You may not see the field "${field}".` },
    })),
  );
  return markDenial(error, { entity, fields: [...new Set(refused.map((each) => each.field))] });
}
