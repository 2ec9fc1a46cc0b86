import type { PluginContext, PluginErrorDetail } from '@kiban/sdk';
import { parse } from 'csv-parse/sync';
import { ENTITY, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import {
  type ApplicationStatus,
  applicationStatusSchema,
  applicationsByExternalId,
  applyApplicationStatus,
  statusOutcome,
} from './application-status.ts';
import { schemaProblems } from './validator.ts';

export const CSV_COLUMNS = ['externalId', 'status', 'statusAt', 'resident', 'title', 'note'] as const;
const MAX_ROWS = 200_000;

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  stale: number;
}

/**
 * A CSV of application statuses from one system (header `externalId,status,statusAt` and
 * optionally `resident,title,note`): every row is checked first, and any problem refuses the
 * whole file (422, one detail per problem at `/rows/<line>/<column>`). A dry run answers what
 * would be created, updated or ignored as stale; otherwise all rows apply in one transaction.
 */
export async function importStatuses(
  ctx: PluginContext,
  code: string,
  csv: string,
  dryRun: boolean,
): Promise<ImportReport> {
  const [system] = await ctx.data(SYSTEM).list(ENTITY.system, { filter: { code: { eq: code } }, limit: 1 });
  if (!system) throw crmError('system.notFound', 404, '連携先が見つかりません。', `No connected system ${code}.`);
  const rows = parseRows(csv);
  const systemId = String(system.id);
  const run = async (): Promise<ImportReport> => {
    const data = ctx.data(SYSTEM);
    const report: ImportReport = { dryRun, rows: rows.length, created: 0, updated: 0, stale: 0 };
    const known = await applicationsByExternalId(
      data,
      systemId,
      rows.map((row) => row.externalId),
    );
    for (const row of rows) {
      const existing = known.get(row.externalId);
      if (dryRun) {
        const outcome = statusOutcome(existing, row);
        report[outcome] += 1;
        if (outcome !== 'stale') known.set(row.externalId, { ...existing, statusAt: row.statusAt });
        continue;
      }
      const { outcome, application } = await applyApplicationStatus(ctx, data, system, row, existing);
      report[outcome] += 1;
      known.set(row.externalId, application);
    }
    return report;
  };
  return dryRun ? run() : ctx.transaction(SYSTEM, () => run());
}

function parseRows(csv: string): ApplicationStatus[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, to: MAX_ROWS + 1 });
  } catch (error) {
    const message = error instanceof Error ? error.message : 'unreadable';
    throw crmError('import.unreadable', 422, 'CSV を読めません。', `The CSV cannot be read: ${message}`);
  }
  if (records.length > MAX_ROWS) {
    throw crmError('import.tooLarge', 422, '行が多すぎます。', `At most ${MAX_ROWS} rows per file.`);
  }
  const problems: PluginErrorDetail[] = [];
  const rows: ApplicationStatus[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const unknown = Object.keys(record).filter((column) => !(CSV_COLUMNS as readonly string[]).includes(column));
    for (const column of unknown) {
      problems.push({
        pointer: `/rows/${line}/${column}`,
        code: 'crm.import.unknownColumn',
        message: { ja: `不明な列 ${column} です。`, en: `Unknown column ${column}.` },
      });
    }
    const row = Object.fromEntries(
      Object.entries(record).filter(([column, value]) => value !== '' && !unknown.includes(column)),
    ) as unknown as ApplicationStatus;
    problems.push(...schemaProblems(applicationStatusSchema, row, `/rows/${line}`));
    rows.push(row);
  });
  if (problems.length > 0) {
    throw crmError(
      'import.invalid',
      422,
      'CSV に誤りがあります。何も取り込んでいません。',
      'The CSV has problems; nothing was imported.',
      problems.slice(0, 100),
    );
  }
  return rows;
}
