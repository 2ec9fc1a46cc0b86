import type { PluginContext } from '@kiban/sdk';
import { stringify } from 'csv-stringify/sync';
import { contactCenterError } from '../errors.ts';
import { validated } from '../validate.ts';
import { firstContactResolvedSql, RESOLVING_WRAP_UPS } from './first-contact.ts';

/** Days or months of the city (Asia/Tokyo), both ends included, per queue or per operator. */
export interface PeriodReportQuery {
  period: 'day' | 'month';
  /** `YYYY-MM-DD` for days, `YYYY-MM` for months. */
  from: string;
  to: string;
  by: 'queue' | 'operator';
  format: 'json' | 'csv';
}

export interface PeriodReportRow {
  period: string;
  /** The queue's code or the operator's principal id; null on the period's total. */
  key: string | null;
  /** The queue's Japanese label or the operator's display name. */
  label: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  abandonmentRate: number | null;
  averageSpeedOfAnswerSeconds: number | null;
  /** Answered within the queue's wait target ÷ answered + abandoned. */
  serviceLevel: number | null;
  /** Closed after a person answered. */
  closed: number;
  /** Of those, closed by the person who took it as resolved or informed, never transferred on. */
  firstContactResolved: number;
  firstContactResolution: number | null;
  averageHandleSeconds: number | null;
  firstResponseBreaches: number;
  resolutionBreaches: number;
}

const DAY = '[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])';
const MONTH = '[0-9]{4}-(0[1-9]|1[0-2])';
const QUERY_SCHEMA = {
  type: 'object',
  required: ['period', 'from', 'to'],
  additionalProperties: false,
  properties: {
    period: { enum: ['day', 'month'] },
    from: { type: 'string', pattern: `^(${DAY}|${MONTH})$` },
    to: { type: 'string', pattern: `^(${DAY}|${MONTH})$` },
    by: { enum: ['queue', 'operator'] },
    format: { enum: ['json', 'csv'] },
  },
};
/** At most a year of days or five years of months in one report. */
const MAX_PERIODS = { day: 366, month: 60 };

/** The query string of a report, or a 422 locating what is wrong with it. */
export function readPeriodReportQuery(raw: Record<string, string>): PeriodReportQuery {
  const query = validated<Partial<PeriodReportQuery> & Pick<PeriodReportQuery, 'period' | 'from' | 'to'>>(
    QUERY_SCHEMA,
    raw,
  );
  const day = query.period === 'day';
  for (const end of ['from', 'to'] as const) {
    if (startOf(query.period, query[end]) === null) {
      throw invalid(
        `/${end}`,
        day ? '日付 (YYYY-MM-DD) で指定してください。' : '年月 (YYYY-MM) で指定してください。',
        day ? 'Give a date (YYYY-MM-DD).' : 'Give a month (YYYY-MM).',
      );
    }
  }
  const periods = periodCount(query.period, query.from, query.to);
  if (periods < 1) throw invalid('/to', '終わりは始まり以降にしてください。', 'The end must not be before the start.');
  const most = MAX_PERIODS[query.period];
  if (periods > most) throw invalid('/to', `一度に ${most} 期間までです。`, `At most ${most} periods at once.`);
  return { by: 'queue', format: 'json', ...query };
}

/**
 * One grouped statement over the conversations that entered a queue in the range: per period
 * and queue (or operator), with each period's total. A transferred conversation counts once,
 * in the queue it entered last; per operator, only conversations a person answered.
 */
export async function periodReport(ctx: PluginContext, query: PeriodReportQuery): Promise<PeriodReportRow[]> {
  const byOperator = query.by === 'operator';
  const { rows } = await ctx.sql.query<Record<string, string | boolean | null>>(
    `select x.period, grouping(x.key) = 1 as is_total, x.key, max(x.label) as label,
       count(*) as offered,
       count(*) filter (where x.assigned_at is not null) as answered,
       count(*) filter (where x.status = 'abandoned') as abandoned,
       avg(extract(epoch from (x.assigned_at - x.queued_at))) filter (where x.assigned_at is not null) as speed_of_answer,
       count(*) filter (where x.assigned_at - x.queued_at <= make_interval(secs => x.wait_target_seconds)) as within_target,
       count(*) filter (where x.closed_at is not null and x.assigned_at is not null) as closed,
       count(*) filter (where x.resolved) as resolved,
       avg(extract(epoch from (x.closed_at - x.assigned_at))) filter (where x.closed_at is not null and x.assigned_at is not null) as handle,
       count(*) filter (where x.sla_breached_at is not null) as first_response_breaches,
       count(*) filter (where x.resolution_breached_at is not null) as resolution_breaches
     from (
       select c.*, q.wait_target_seconds,
              to_char(c.queued_at at time zone 'Asia/Tokyo', $3) as period,
              ${byOperator ? 'c.assigned_to' : 'c.queue'} as key,
              ${byOperator ? 'o.display_name' : "q.label->>'ja'"} as label,
              ${firstContactResolvedSql('$4')} as resolved
         from conversation c
         left join queue q on q.code = c.queue
         left join operator o on o.principal = c.assigned_to
        where c.queued_at >= $1::timestamp at time zone 'Asia/Tokyo'
          and c.queued_at < $2::timestamp at time zone 'Asia/Tokyo'
          ${byOperator ? 'and c.assigned_to is not null' : ''}
     ) x
     group by grouping sets ((x.period, x.key), (x.period))
     order by x.period, grouping(x.key) desc, x.key`,
    [
      startOf(query.period, query.from),
      startOf(query.period, query.to, 1),
      query.period === 'day' ? 'YYYY-MM-DD' : 'YYYY-MM',
      RESOLVING_WRAP_UPS,
    ],
  );
  return rows.map(toRow);
}

function toRow(row: Record<string, string | null | boolean>): PeriodReportRow {
  const count = (name: string) => Number(row[name] ?? 0);
  const seconds = (name: string) => (row[name] === null ? null : Math.round(Number(row[name])));
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const answered = count('answered');
  const abandoned = count('abandoned');
  const closed = count('closed');
  return {
    period: String(row.period),
    key: row.is_total ? null : (row.key as string | null),
    label: row.is_total ? null : (row.label as string | null),
    offered: count('offered'),
    answered,
    abandoned,
    abandonmentRate: share(abandoned, answered + abandoned),
    averageSpeedOfAnswerSeconds: seconds('speed_of_answer'),
    serviceLevel: share(count('within_target'), answered + abandoned),
    closed,
    firstContactResolved: count('resolved'),
    firstContactResolution: share(count('resolved'), closed),
    averageHandleSeconds: seconds('handle'),
    firstResponseBreaches: count('first_response_breaches'),
    resolutionBreaches: count('resolution_breaches'),
  };
}

const CSV_COLUMNS: [keyof PeriodReportRow, string][] = [
  ['period', '期間'],
  ['key', 'コード'],
  ['label', '名称'],
  ['offered', '受付数'],
  ['answered', '応答数'],
  ['abandoned', '放棄数'],
  ['abandonmentRate', '放棄率'],
  ['averageSpeedOfAnswerSeconds', '平均応答時間(秒)'],
  ['serviceLevel', 'サービスレベル'],
  ['closed', '完了数'],
  ['firstContactResolved', '一次解決数'],
  ['firstContactResolution', '一次解決率'],
  ['averageHandleSeconds', '平均対応時間(秒)'],
  ['firstResponseBreaches', '初回応答SLA超過'],
  ['resolutionBreaches', '解決SLA超過'],
];

/**
 * The report as CSV for spreadsheets: Japanese headings, a BOM (Excel on Japanese Windows reads
 * UTF-8 by it), rates to four places, the total of each period named 合計, and a cell that a
 * spreadsheet would run as a formula (a name beginning with =, +, - or @) quoted with an apostrophe.
 */
export function periodReportCsv(rows: PeriodReportRow[]): string {
  const cells = rows.map((row) =>
    CSV_COLUMNS.map(([field]) => {
      const value = field === 'label' && row.key === null ? '合計' : row[field];
      if (value === null) return '';
      if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(4);
      return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    }),
  );
  return `\uFEFF${stringify([CSV_COLUMNS.map(([, heading]) => heading), ...cells], { record_delimiter: '\r\n' })}`;
}

/** Midnight (Tokyo) starting the period `value` names, `after` periods later; null when no such day. */
function startOf(period: 'day' | 'month', value: string, after = 0): string | null {
  const date = new Date(`${period === 'month' ? `${value}-01` : value}T00:00:00Z`);
  const length = period === 'month' ? 7 : 10;
  if (value.length !== length || Number.isNaN(date.getTime()) || date.toISOString().slice(0, length) !== value)
    return null;
  if (period === 'month') date.setUTCMonth(date.getUTCMonth() + after);
  else date.setUTCDate(date.getUTCDate() + after);
  return date.toISOString().slice(0, 10);
}

function periodCount(period: 'day' | 'month', from: string, to: string): number {
  if (period === 'month') {
    const months = (value: string) => Number(value.slice(0, 4)) * 12 + Number(value.slice(5, 7));
    return months(to) - months(from) + 1;
  }
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

function invalid(pointer: string, ja: string, en: string) {
  return contactCenterError('invalidInput', 422, '入力内容が正しくありません。', 'The input is not valid.', [
    { pointer, code: 'contact-center.invalidPeriod', message: { ja, en } },
  ]);
}
