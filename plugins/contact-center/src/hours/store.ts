import type { PluginContext } from '@kiban/sdk';
import { contactCenterError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import type { QueueServiceHours } from '../routing/queues.ts';
import { type BusinessCalendar, isOpenAt, nextOpening, type WeeklyOpening } from './calendar.ts';

interface CalendarRow {
  weekly: WeeklyOpening[];
  public_holidays_closed: boolean;
}

/**
 * The calendar a queue answers by: its own weekly hours when it has them (a department keeps
 * its office's), else the centre's; the city's closure days close every queue.
 */
export function queueCalendar(
  centre: BusinessCalendar,
  queue: { service_hours: QueueServiceHours | null },
): BusinessCalendar {
  if (!queue.service_hours) return centre;
  return { ...queue.service_hours, closures: centre.closures };
}

/** The business calendar as stored; open around the clock until supervisors set hours. */
export async function readCalendar(ctx: PluginContext): Promise<BusinessCalendar> {
  const { rows } = await ctx.sql.query<CalendarRow>('select weekly, public_holidays_closed from business_calendar');
  const closures = await ctx.sql.query<{ day: string }>("select to_char(day, 'YYYY-MM-DD') as day from closure_day");
  return {
    weekly: rows[0]?.weekly ?? [],
    publicHolidaysClosed: rows[0]?.public_holidays_closed ?? true,
    closures: closures.rows.map((row) => row.day),
  };
}

export async function saveServiceHours(
  ctx: PluginContext,
  by: Principal,
  input: { weekly: WeeklyOpening[]; publicHolidaysClosed: boolean },
) {
  const backwards = input.weekly.findIndex((opening) => opening.opens >= opening.closes);
  if (backwards >= 0)
    throw contactCenterError('invalidInput', 422, '入力内容が正しくありません。', 'The input is not valid.', [
      {
        pointer: `/weekly/${backwards}/closes`,
        code: 'contact-center.closesBeforeOpening',
        message: { ja: '終了は開始より後にしてください。', en: 'Closing must come after opening.' },
      },
    ]);
  await ctx.sql.query(
    `insert into business_calendar (id, weekly, public_holidays_closed) values (1, $1, $2)
     on conflict (id) do update set weekly = excluded.weekly, public_holidays_closed = excluded.public_holidays_closed`,
    [JSON.stringify(input.weekly), input.publicHolidaysClosed],
  );
  await ctx.audit({ actor: by, action: 'contact-center.saveServiceHours', details: { ...input } });
  return readCalendar(ctx);
}

/** Adds (`closed: true`) or removes a city closure day. */
export async function setClosureDay(
  ctx: PluginContext,
  by: Principal,
  input: { date: string; closed: boolean; reason?: string },
) {
  if (input.closed)
    await ctx.sql.query(
      'insert into closure_day (day, reason) values ($1, $2) on conflict (day) do update set reason = excluded.reason',
      [input.date, input.reason ?? null],
    );
  else await ctx.sql.query('delete from closure_day where day = $1', [input.date]);
  await ctx.audit({ actor: by, action: 'contact-center.setClosureDay', details: { ...input } });
  return readCalendar(ctx);
}

/** The calendar with whether it is open now and when it opens next: what the chat shows before anyone asks. */
export async function serviceHoursNow(ctx: PluginContext, now: Date) {
  const calendar = await readCalendar(ctx);
  const opensAt = nextOpening(calendar, now);
  return { ...calendar, open: isOpenAt(calendar, now), nextOpening: opensAt ? opensAt.toISOString() : null };
}
