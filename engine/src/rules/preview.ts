import type { EntityManager } from '@mikro-orm/postgresql';
import { recordAudit } from '../access/index.ts';
import { type ApiRecord, quoteIdent, rawQuery, sqlOf, tableName } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { RuleMetadata } from '../metadata/index.ts';
import { listRecords, type RecordScope } from '../records/index.ts';
import { auditDetail, entityManager } from '../records/scope.ts';
import { authorizeRuleFacts, type CallerFacts } from './caller-facts.ts';
import { compileRuleCondition, SUBJECT_ALIAS } from './compile-sql.ts';

export const PREVIEW_SAMPLE_SIZE = 20;

export interface SegmentPreview {
  count: number;
  /** The first matching records (by id), as the caller may see them. */
  sample: ApiRecord[];
}

/**
 * How many records a rule selects, and a sample — only among the rows the caller may read:
 * the compiled rule (bound parameters) AND the caller's row policy, in one query.
 */
export async function previewSegment(scope: RecordScope, name: string, now = new Date()): Promise<SegmentPreview> {
  const rule = scope.live.item('rule', name) as RuleMetadata | undefined;
  if (!rule) {
    throw new KibanError('rule.notFound', 404, {
      ja: `ルール「${name}」は公開されていません。`,
      en: `The rule "${name}" is not published.`,
    });
  }
  return previewRule(scope, rule, now);
}

/**
 * The same for a rule as written, published or not (the designer's "N residents match"); it
 * must be valid. Every fact runs under the caller's policies (see `authorizeRuleFacts`), so
 * counts cannot spell out what the caller may not read.
 */
export async function previewRule(scope: RecordScope, rule: RuleMetadata, now = new Date()): Promise<SegmentPreview> {
  const em = entityManager(scope);
  const facts = authorizeRuleFacts(scope, em, rule);
  const entity = scope.live.entities.get(rule.entity);
  if (!entity) throw new Error(`authorizeRuleFacts let the unknown entity ${rule.entity} through`);
  const condition = compileRuleCondition(rule, entity, {
    now,
    entities: scope.live.entities,
    readableIds: facts.readableIds,
  });
  // The row policy is a condition on the preview's own scan, not a semi-join of a second one.
  const policy = facts.readableRows(entity, SUBJECT_ALIAS);
  const own = policy === null ? '' : ` and ${policy}`;
  const from = `from ${quoteIdent(tableName(rule.entity))} ${SUBJECT_ALIAS} where (${condition.where})${own}`;
  const [{ count }] = await run<{ count: number }>(em, `select count(*)::int as count ${from}`, condition.values);
  await auditSegmentRead(scope, em, rule, facts);
  const ids = await run<{ id: string }>(
    em,
    `select ${SUBJECT_ALIAS}.id ${from} order by ${SUBJECT_ALIAS}.id limit ${PREVIEW_SAMPLE_SIZE}`,
    condition.values,
  );
  if (ids.length === 0) return { count, sample: [] };
  const page = await listRecords(scope, rule.entity, {
    filter: { id: { in: ids.map((row) => row.id) } },
    sort: 'id',
    limit: PREVIEW_SAMPLE_SIZE,
    offset: 0,
  });
  return { count, sample: page.items };
}

/**
 * A count over personal data is a read of it: staff previewing a segment whose facts read
 * personal fields leave a trace naming the rule and the fields (`Entity.field` beyond the subject).
 */
async function auditSegmentRead(scope: RecordScope, em: EntityManager, rule: RuleMetadata, facts: CallerFacts) {
  if (scope.principal.kind !== 'staff' || facts.personalFields.size === 0) return;
  const fields = [...facts.personalFields].flatMap(([entity, names]) =>
    names.map((name) => (entity === rule.entity ? name : `${entity}.${name}`)),
  );
  const detail = { rule: rule.name, ...auditDetail(scope).detail };
  await recordAudit(sqlOf(em), {
    principal: scope.principal,
    action: 'segment.read',
    entity: rule.entity,
    fields,
    detail,
  });
}

/** Runs SQL with real bind parameters (`$1 …`), which the rule compiler produces. */
async function run<T>(em: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  return (await rawQuery<T>(em, text, values)).rows;
}
