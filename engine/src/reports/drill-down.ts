import { CompiledQuery, type Kysely } from 'kysely';
import type { ApiRecord } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { listRecords, type RecordScope } from '../records/index.ts';
import { entityManager } from '../records/scope.ts';
import { authorizeReport } from './authorize-report.ts';
import { compileReport } from './compile.ts';
import { bindReportParameters } from './parameters.ts';
import { publishedReport, REPORT_STATEMENT_TIMEOUT_MS } from './run.ts';
import { withSavedConditions } from './saved-conditions.ts';

/** The most records one drill-down lists. */
export const DRILL_DOWN_LIMIT = 50;

/**
 * The records behind one cell of a published report (`keys` as the result gives them, one per
 * group-by): the same filter, parameters and row policy in one query for their ids, then read
 * through the record service, so the caller sees them exactly as a list would show them
 * (field policy, personal-data audit). Nothing is shown that the caller could not list anyway.
 */
export async function reportRecords(
  scope: RecordScope,
  name: string,
  parameters: unknown,
  keys: unknown,
): Promise<{ items: ApiRecord[]; more: boolean }> {
  const report = withSavedConditions(publishedReport(scope, name), scope.live.items);
  const dimensions = report.groupBy?.length ?? 0;
  if (
    !Array.isArray(keys) ||
    keys.length !== dimensions ||
    keys.some((key) => key !== null && typeof key !== 'string')
  ) {
    throw new KibanError(
      'request.invalid',
      422,
      { ja: 'セルの指定が正しくありません。', en: 'The cell is not given correctly.' },
      [
        {
          pointer: '/keys',
          code: 'report.keys',
          message: {
            ja: `keys は切り口ごとの値（文字列か null）${dimensions} 個の配列です。`,
            en: `keys must be an array of ${dimensions} values (text or null), one per group-by.`,
          },
        },
      ],
    );
  }
  const bound = bindReportParameters(report, parameters);
  const em = entityManager(scope);
  const { entity, readableIds, readableRows } = authorizeReport(scope, em, report);
  const compiled = compileReport(report, {
    entity,
    entities: scope.live.entities,
    condition: bound.condition,
    readableIds,
    readableRows,
    now: new Date(),
    drillDown: { keys: keys as (string | null)[], limit: DRILL_DOWN_LIMIT + 1 },
  });
  const ids = await em.transactional(async (tx) => {
    const client = tx.getTransactionContext() as unknown as Kysely<unknown>;
    await client.executeQuery(CompiledQuery.raw(`set local statement_timeout = ${REPORT_STATEMENT_TIMEOUT_MS}`));
    const result = await client.executeQuery<{ id: string }>(CompiledQuery.raw(compiled.text, compiled.values));
    return result.rows.map((row) => row.id);
  });
  if (ids.length === 0) return { items: [], more: false };
  const page = await listRecords(scope, report.entity, {
    filter: { id: { in: ids.slice(0, DRILL_DOWN_LIMIT) } },
    sort: 'id',
    limit: DRILL_DOWN_LIMIT,
    offset: 0,
  });
  return { items: page.items, more: ids.length > DRILL_DOWN_LIMIT };
}
