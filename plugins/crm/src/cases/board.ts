import type { Actor, Filter, PluginContext, RecordData } from '@kiban/sdk';
import { stringify } from 'csv-stringify/sync';
import type { Clock } from '../clock.ts';
import { ENTITY } from '../entities.ts';
import { crmError } from '../errors.ts';
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
/** The board reads at most this many cases; beyond it says it is truncated. */
const MAX_CASES = 20_000;
const AGE_BUCKETS = [
  { name: 'under1d', maxHours: 24 },
  { name: 'under3d', maxHours: 72 },
  { name: 'under7d', maxHours: 168 },
  { name: 'over7d', maxHours: Number.POSITIVE_INFINITY },
] as const;

type MarkedCase = RecordData & { overdue: boolean };

export interface Board {
  total: number;
  truncated: boolean;
  overdue: number;
  byState: Record<string, number>;
  byDepartment: Record<string, number>;
  byAge: Record<string, number>;
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

/** Every case the actor may read that matches `filter`, read page by page under their policies. */
async function readCases(
  ctx: PluginContext,
  actor: Actor,
  filter: Filter,
): Promise<{ rows: RecordData[]; truncated: boolean }> {
  const rows: RecordData[] = [];
  for (let offset = 0; offset < MAX_CASES; offset += PAGE) {
    const page = await ctx
      .data(actor)
      .list(ENTITY.case, { filter, fields: BOARD_FIELDS, sort: 'createdAt,id', limit: PAGE, offset });
    rows.push(...page);
    if (page.length < PAGE) return { rows, truncated: false };
  }
  return { rows, truncated: true };
}

export async function caseBoard(
  ctx: PluginContext,
  actor: Actor,
  filter: Filter,
  now: Date,
  limit = 100,
): Promise<Board> {
  const { rows, truncated } = await readCases(ctx, actor, filter);
  const board: Board = {
    total: rows.length,
    truncated,
    overdue: 0,
    byState: {},
    byDepartment: {},
    byAge: {},
    cases: [],
  };
  const marked: MarkedCase[] = rows.map((row) => ({ ...row, overdue: isOverdue(row, now) }));
  for (const row of marked) {
    if (row.overdue) board.overdue += 1;
    count(board.byState, String(row.status));
    count(board.byDepartment, String(row.department));
    if (row.status !== 'closed') count(board.byAge, ageBucket(String(row.createdAt), now));
  }
  board.cases = marked.sort(worstFirst).slice(0, limit);
  return board;
}

export async function casesCsv(ctx: PluginContext, actor: Actor, filter: Filter, clock: Clock): Promise<string> {
  const { rows } = await readCases(ctx, actor, filter);
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

function ageBucket(createdAt: string, now: Date): string {
  const hours = (now.getTime() - new Date(createdAt).getTime()) / 3_600_000;
  return AGE_BUCKETS.find((bucket) => hours < bucket.maxHours)?.name ?? 'over7d';
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
