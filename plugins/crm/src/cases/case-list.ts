import type { Actor, Filter, PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY } from '../entities.ts';
import { crmError } from '../errors.ts';
import { BOARD_FIELDS } from './board.ts';
import { AGE_BUCKET_NAMES, ageBucketFilter } from './board-counts.ts';
import { isOverdue } from './reminders.ts';

const FILTERABLE = ['status', 'department', 'category', 'channel', 'assignee', 'resident'] as const;
const OPEN_STATES = ['received', 'inProgress', 'waitingResident'];
const PAGE_SIZE = 50;

export interface CaseListQuery {
  filter: Filter;
  overdueOnly: boolean;
  /** One of the board's age buckets (`under1d`, `under3d`, `under7d`, `over7d`): the cases not closed that came in then. */
  age?: string;
  offset: number;
}

export interface CaseListPage {
  items: Array<RecordData & { overdue: boolean }>;
  /** The offset of the next page, when there is one. */
  next: number | null;
}

function unknownParameter(name: string) {
  return crmError('cases.unknownFilter', 400, '使えない絞り込みです。', `Cases cannot be filtered by ${name}.`, [
    {
      pointer: `/${name}`,
      code: 'crm.cases.unknownFilter',
      message: { ja: '不明な項目です。', en: 'Unknown filter.' },
    },
  ]);
}

/**
 * The staff case list's query string: `status`, `department`, `category`, `channel`,
 * `assignee` (comma-separated values), `overdue=true` (past the SLA and not yet answered),
 * `age` (one of the board's age buckets, so that its counts drill down to the list) and `offset`. An unknown parameter is refused rather than ignored, so a typo never widens a list.
 */
export function caseListQuery(query: Record<string, string>): CaseListQuery {
  const filter: Filter = {};
  let overdueOnly = false;
  let offset = 0;
  let age: string | undefined;
  for (const [name, value] of Object.entries(query)) {
    if (name === 'overdue') {
      if (value !== 'true' && value !== 'false') throw unknownParameter(name);
      overdueOnly = value === 'true';
    } else if (name === 'age') {
      if (!AGE_BUCKET_NAMES.includes(value)) throw unknownParameter(name);
      age = value;
    } else if (name === 'offset') {
      offset = Number(value);
      if (!Number.isInteger(offset) || offset < 0) throw unknownParameter(name);
    } else if ((FILTERABLE as readonly string[]).includes(name)) {
      const values = value.split(',').filter((part) => part !== '');
      if (values.length > 0) filter[name] = { in: values };
    } else {
      throw unknownParameter(name);
    }
  }
  return { filter, overdueOnly, offset, ...(age ? { age } : {}) };
}

/**
 * One page of the cases the caller may read (their row policy: a clerk sees their own
 * department), most urgent due time first. Overdue means past the SLA in a state still
 * waiting on the city, the same test the board and the live messages use.
 */
export async function listCases(
  ctx: PluginContext,
  actor: Actor,
  query: CaseListQuery,
  now: Date,
): Promise<CaseListPage> {
  let filter: Filter = { ...query.filter };
  if (query.age) filter = ageBucketFilter(query.age, filter, now) ?? filter;
  if (query.overdueOnly) {
    const states = (filter.status?.in as string[] | undefined) ?? OPEN_STATES;
    const waiting = states.filter((state) => OPEN_STATES.includes(state));
    if (waiting.length === 0) return { items: [], next: null };
    filter.status = { in: waiting };
    filter.dueAt = { lt: now.toISOString() };
  }
  const rows = await ctx.data(actor).list(ENTITY.case, {
    filter,
    fields: [...BOARD_FIELDS, 'resident', 'callerPhone'],
    sort: 'dueAt,id',
    limit: PAGE_SIZE + 1,
    offset: query.offset,
  });
  const items = rows.slice(0, PAGE_SIZE).map((row) => ({ ...row, overdue: isOverdue(row, now) }));
  return { items, next: rows.length > PAGE_SIZE ? query.offset + PAGE_SIZE : null };
}
