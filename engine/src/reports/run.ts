import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';
import { recordAudit } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { ReportMetadata } from '../metadata/types.ts';
import type { RecordScope } from '../records/index.ts';
import { auditDetail, entityManager } from '../records/scope.ts';
import { authorizeReport } from './authorize-report.ts';
import { compileReport, MAX_REPORT_CELLS } from './compile.ts';
import { dimensionLabel, keyLabel } from './labels.ts';
import { bindReportParameters } from './parameters.ts';
import type { ReportResult, ReportRow } from './result.ts';
import { withSavedConditions } from './saved-conditions.ts';
import { type AggregateRow, suppressSmallCells } from './suppress.ts';

/** A report query running longer than this is cancelled by the database (statement_timeout). */
export const REPORT_STATEMENT_TIMEOUT_MS = 15_000;

export interface RunReportOptions {
  /** The parameters came as text (a query string) and are parsed by their declared type. */
  fromText?: boolean;
  now?: Date;
  timeoutMs?: number;
  maxCells?: number;
}

/** Runs a published report for the caller. */
export async function runPublishedReport(
  scope: RecordScope,
  name: string,
  parameters: unknown,
  options: RunReportOptions = {},
) {
  return runReport(scope, publishedReport(scope, name), parameters, options);
}

export function publishedReport(scope: RecordScope, name: string): ReportMetadata {
  const report = scope.live.item('report', name) as ReportMetadata | undefined;
  if (!report) {
    throw new KibanError('report.notFound', 404, {
      ja: `レポート「${name}」は公開されていません。`,
      en: `The report "${name}" is not published.`,
    });
  }
  return report;
}

/**
 * Runs a report (published or, for the designer's preview, as written and validated) for the
 * caller: parameters checked and bound, every field it reads checked against the caller's
 * field policy (403 naming each hidden one), one SQL statement under a statement timeout over
 * only the rows the caller may read, small cells suppressed, and a read of personal fields
 * audited — all in one transaction.
 */
export async function runReport(
  scope: RecordScope,
  written: ReportMetadata,
  parameters: unknown,
  options: RunReportOptions = {},
): Promise<ReportResult> {
  const report = withSavedConditions(written, scope.live.items);
  const now = options.now ?? new Date();
  const bound = bindReportParameters(report, parameters, options.fromText);
  const em = entityManager(scope);
  const { entity, readableIds, readableRows, personal } = authorizeReport(scope, em, report);
  const compiled = compileReport(report, {
    entity,
    entities: scope.live.entities,
    condition: bound.condition,
    readableIds,
    readableRows,
    now,
    maxCells: options.maxCells ?? MAX_REPORT_CELLS,
  });
  const rows = await em.transactional(async (tx) => {
    const client = tx.getTransactionContext() as unknown as Kysely<unknown>;
    const timeout = Math.max(1, Math.floor(options.timeoutMs ?? REPORT_STATEMENT_TIMEOUT_MS));
    await client.executeQuery(CompiledQuery.raw(`set local statement_timeout = ${timeout}`));
    try {
      const result = await client.executeQuery<Record<string, unknown>>(
        CompiledQuery.raw(compiled.text, compiled.values),
      );
      await auditReportRun(scope, tx, report, personal, Object.keys(bound.values));
      return result.rows;
    } catch (error) {
      throw isTimeout(error) ? timedOut(report) : error;
    }
  });
  return shapeResult(report, compiled, rows, bound.values, now);
}

function shapeResult(
  report: ReportMetadata,
  compiled: ReturnType<typeof compileReport>,
  rows: Record<string, unknown>[],
  parameters: Record<string, string | number | boolean>,
  now: Date,
): ReportResult {
  const { dimensions, cellLimit } = compiled;
  const aggregates = rows.map((row) => ({
    level: Number(row.level),
    n: Number(row.n),
    keys: dimensions.map((_, i) => (row[`k${i}`] ?? null) as string | null),
    suppressed: false,
    values: report.measures.map((_, i) => (row[`m${i}`] ?? null) as number | string | null),
  }));
  const cells = aggregates.filter((row) => row.level === 0);
  const more = dimensions.length > 0 && cells.length > cellLimit;
  if (more) aggregates.splice(aggregates.indexOf(cells[cellLimit]), 1);
  if (report.minimumCellSize !== undefined) suppressSmallCells(aggregates, dimensions.length, report.minimumCellSize);
  const grandLevel = (1 << dimensions.length) - 1;
  const out = (row: AggregateRow & { values: (number | string | null)[] }): ReportRow => ({
    keys: row.keys,
    labels: row.keys.map((key, i) => keyLabel(dimensions[i], key)),
    values: row.suppressed ? row.values.map(() => null) : row.values,
    suppressed: row.suppressed,
  });
  const total = aggregates.find((row) => row.level === grandLevel && (dimensions.length > 0 || row.level === 0));
  const platformCap = more && (report.limit === undefined || report.limit > cellLimit);
  return {
    report: {
      name: report.name,
      label: report.label,
      entity: report.entity,
      ...(report.chart ? { chart: report.chart } : {}),
    },
    parameters,
    dimensions: dimensions.map((dimension) => ({
      name: dimension.name,
      field: dimension.groupBy.field,
      label: dimensionLabel(dimension),
    })),
    measures: report.measures.map(({ name, label, op }) => ({ name, label, op })),
    cells: dimensions.length === 0 ? [] : aggregates.filter((row) => row.level === 0).map(out),
    subtotals:
      dimensions.length === 2
        ? aggregates
            .filter((row) => row.level === 1 || row.level === 2)
            .map((row) => ({ ...out(row), dimension: row.level === 1 ? 0 : 1 }))
        : [],
    total: total ? out(total) : null,
    ...(report.minimumCellSize !== undefined ? { minimumCellSize: report.minimumCellSize } : {}),
    ...(platformCap
      ? {
          truncated: {
            limit: cellLimit,
            message: {
              ja: `組み合わせが ${cellLimit} を超えたため、先頭の ${cellLimit} 件だけを表示しています。切り口を粗くするか、条件で絞り込んでください。`,
              en: `There are more than ${cellLimit} groups; only the first ${cellLimit} are shown. Group more coarsely or filter.`,
            },
          },
        }
      : {}),
    ranAt: now.toISOString(),
  };
}

/** An aggregate over personal data is a read of it: the trail names the report and the fields. */
async function auditReportRun(
  scope: RecordScope,
  em: EntityManager,
  report: ReportMetadata,
  personal: Map<string, string[]>,
  parameterNames: string[],
) {
  if (personal.size === 0) return;
  const fields = [...personal].flatMap(([entity, names]) =>
    names.map((name) => (entity === report.entity ? name : `${entity}.${name}`)),
  );
  await recordAudit(sqlOf(em), {
    principal: scope.principal,
    action: 'report.run',
    entity: report.entity,
    fields,
    detail: { report: report.name, parameters: parameterNames, ...auditDetail(scope).detail },
  });
}

function isTimeout(error: unknown): boolean {
  for (let cause = error; cause; cause = (cause as { cause?: unknown }).cause) {
    if ((cause as { code?: unknown }).code === '57014') return true;
  }
  return false;
}

function timedOut(report: ReportMetadata): KibanError {
  return new KibanError('report.timeout', 503, {
    ja: `レポート「${report.label.ja}」の集計が時間内に終わりませんでした。条件で絞り込むか、切り口を減らしてください。`,
    en: `The report "${report.label.en ?? report.name}" did not finish in time. Filter it or group by less.`,
  });
}
