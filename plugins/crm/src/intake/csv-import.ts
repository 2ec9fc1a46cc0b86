import type { DataApi, PluginContext, PluginErrorDetail, RecordData } from '@kiban/sdk';
import { parse } from 'csv-parse/sync';
import { ENTITY, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import {
  type ApplicationStatus,
  applicationStatusSchema,
  applicationsByExternalId,
  STATUS_CHANGED,
} from './application-status.ts';
import { type DuplicateRow, planStatuses, type StatusPlan } from './status-plan.ts';
import { schemaProblems } from './validator.ts';

export const CSV_COLUMNS = ['externalId', 'status', 'statusAt', 'resident', 'title', 'note'] as const;
const MAX_ROWS = 200_000;

/** Applications written (and announced) per statement. */
const BATCH = 1_000;

export interface ImportReport {
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  stale: number;
  /** Rows naming an application an earlier row already named (applied in file order all the same). */
  duplicates: { count: number; lines: DuplicateRow[] };
  /** Rows naming a resident the CRM has no profile of (applied all the same; nobody sees it in a 360). */
  unknownResidents: { count: number; lines: Array<{ line: number; resident: string }> };
}

/**
 * A CSV of application statuses from one system (header `externalId,status,statusAt` and
 * optionally `resident,title,note`): every row is checked first, and any problem refuses the
 * whole file (422, one detail per problem at `/rows/<line>/<column>`). Each row's outcome is
 * decided as applying the rows one at a time would decide it (`planStatuses`); a dry run
 * answers that report and writes nothing. Otherwise, in one transaction, the new applications
 * are created a thousand to a statement, the known ones updated once each with what their rows
 * add up to, and every applied row's `application.statusChanged` is published, a thousand to a
 * statement.
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
    const stored = await applicationsByExternalId(
      data,
      systemId,
      rows.map((row) => row.externalId),
    );
    const plan = planStatuses(rows, stored);
    const report: ImportReport = {
      dryRun,
      rows: rows.length,
      ...plan.outcomes,
      duplicates: plan.duplicates,
      unknownResidents: await unknownResidents(data, rows),
    };
    if (!dryRun) await applyPlan(ctx, data, system, plan);
    return report;
  };
  return dryRun ? run() : ctx.transaction(SYSTEM, () => run());
}

async function applyPlan(ctx: PluginContext, data: DataApi, system: RecordData, plan: StatusPlan): Promise<void> {
  const ids = new Map([...plan.updates].map(([externalId, update]) => [externalId, update.id]));
  const creates = [...plan.creates];
  for (let start = 0; start < creates.length; start += BATCH) {
    const batch = creates.slice(start, start + BATCH);
    const created = await data.createMany(
      ENTITY.application,
      batch.map(([, values]) => ({ ...values, system: String(system.id) })),
    );
    for (const [index, record] of created.entries()) ids.set(batch[index]?.[0] ?? '', record.id);
  }
  for (const { id, patch } of plan.updates.values()) await data.update(ENTITY.application, id, patch);
  for (let start = 0; start < plan.announcements.length; start += BATCH) {
    await ctx.events.publishMany(
      plan.announcements.slice(start, start + BATCH).map((announced) => ({
        type: STATUS_CHANGED,
        payload: { applicationId: ids.get(announced.externalId), system: system.code, ...announced },
      })),
    );
  }
}

/** Rows naming a resident without a profile (one query per 200 residents). */
async function unknownResidents(
  data: DataApi,
  rows: readonly ApplicationStatus[],
): Promise<ImportReport['unknownResidents']> {
  const named = [...new Set(rows.flatMap((row) => (row.resident ? [row.resident] : [])))];
  const known = new Set<string>();
  for (let start = 0; start < named.length; start += 200) {
    const profiles = await data.list(ENTITY.profile, {
      filter: { principal: { in: named.slice(start, start + 200) } },
      fields: ['principal'],
      limit: 200,
    });
    for (const profile of profiles) known.add(String(profile.principal));
  }
  const report: ImportReport['unknownResidents'] = { count: 0, lines: [] };
  rows.forEach((row, index) => {
    if (!row.resident || known.has(row.resident)) return;
    report.count += 1;
    if (report.lines.length < 100) report.lines.push({ line: index + 2, resident: row.resident });
  });
  return report;
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
