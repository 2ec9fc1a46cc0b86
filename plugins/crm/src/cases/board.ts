import type { Actor, Filter, PluginContext, RecordData } from '@kiban/sdk';
import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../clock.ts';
import { ENTITY } from '../entities.ts';
import { crmError } from '../errors.ts';
import { type BoardCounts, boardCounts, overdueFilter } from './board-counts.ts';
import { isOverdue } from './reminders.ts';

export const BOARD_FIELDS = [
  'id',
  'subject',
  'channel',
  'category',
  'kind',
  'status',
  'department',
  'assignee',
  'dueAt',
  'followUpAt',
  'createdAt',
];
const FILTERABLE = ['status', 'department', 'category', 'channel', 'assignee'] as const;
const PAGE = 200;
/** The CSV export reads at most this many cases. */
const MAX_EXPORT = 20_000;

type MarkedCase = RecordData & { overdue: boolean };

export interface Board extends BoardCounts {
  /** Overdue first (most overdue first), then by due time. */
  cases: MarkedCase[];
}

/** `?status=…&department=…` (comma-separated values) into a filter; anything else is refused. */
export function boardFilter(query: Record<string, string>): Filter {
  const filter: Filter = {};
  for (const [name, value] of Object.entries(query)) {
    if (name === 'limit') continue;
    if (!(FILTERABLE as readonly string[]).includes(name)) {
      throw crmError('board.unknownFilter', 400, '使えない絞り込みです。', `Cases cannot be filtered by ${name}.`, [
        {
          pointer: `/${name}`,
          code: 'crm.board.unknownFilter',
          message: { ja: '不明な項目です。', en: 'Unknown filter.' },
        },
      ]);
    }
    filter[name] = { in: value.split(',').filter((part) => part !== '') };
  }
  return filter;
}

/** Every case the actor may read that matches `filter` (up to MAX_EXPORT), read page by page under their policies. */
async function readCases(ctx: PluginContext, actor: Actor, filter: Filter): Promise<RecordData[]> {
  const rows: RecordData[] = [];
  for (let offset = 0; offset < MAX_EXPORT; offset += PAGE) {
    const page = await ctx
      .data(actor)
      .list(ENTITY.case, { filter, fields: BOARD_FIELDS, sort: 'createdAt,id', limit: PAGE, offset });
    rows.push(...page);
    if (page.length < PAGE) break;
  }
  return rows;
}

/**
 * The manager's view: the counts in SQL (`boardCounts`) and the `limit` worst cases — the
 * overdue ones by due time, then the rest by due time — read a page at a time, not all cases.
 */
export async function caseBoard(
  ctx: PluginContext,
  actor: Actor,
  filter: Filter,
  now: Date,
  limit = 100,
): Promise<Board> {
  const counts = await boardCounts(ctx, actor, filter, now);
  const data = ctx.data(actor);
  const byDue = { fields: BOARD_FIELDS, sort: 'dueAt,id' };
  const cases: MarkedCase[] = [];
  for (let offset = 0; offset < Math.min(limit, counts.overdue); offset += PAGE) {
    const page = await data.list(ENTITY.case, {
      ...byDue,
      filter: overdueFilter(filter, now),
      limit: Math.min(PAGE, limit - offset),
      offset,
    });
    cases.push(...page.map((row) => ({ ...row, overdue: true })));
  }
  // The rest in due order skips the overdue ones, so it reads at most `limit` rows past them.
  const overdueIds = new Set(cases.map((row) => row.id));
  const rest = Math.min(counts.total, limit + counts.overdue);
  for (let offset = 0; cases.length < limit && offset < rest; offset += PAGE) {
    const page = await data.list(ENTITY.case, { ...byDue, filter, limit: PAGE, offset });
    for (const row of page) {
      if (cases.length < limit && !isOverdue(row, now) && !overdueIds.has(row.id))
        cases.push({ ...row, overdue: false });
    }
    if (page.length < PAGE) break;
  }
  return { ...counts, cases };
}

export async function casesCsv(ctx: PluginContext, actor: Actor, filter: Filter, clock: Clock): Promise<string> {
  const rows = await readCases(ctx, actor, filter);
  const now = clock();
  const marked: MarkedCase[] = rows.map((row) => ({ ...row, overdue: isOverdue(row, now) }));
  marked.sort(worstFirst);
  const columns = [...BOARD_FIELDS, 'overdue'];
  // A BOM so that spreadsheet software on Japanese Windows opens the UTF-8 as UTF-8.
  return `\uFEFF${stringify(marked, { header: true, columns, cast: { boolean: (value) => (value ? 'true' : 'false') } })}`;
}

function worstFirst(a: MarkedCase, b: MarkedCase): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  return due(a) - due(b);
}

function due(row: RecordData): number {
  return typeof row.dueAt === 'string' ? new Date(row.dueAt).getTime() : Number.POSITIVE_INFINITY;
}
