import holidayJp from '@holiday-jp/holiday_jp';

/** One opening on a weekday (0 = Sunday … 6 = Saturday), city time `HH:MM`, closing excluded. */
export interface WeeklyOpening {
  weekday: number;
  opens: string;
  closes: string;
}

/**
 * The contact centre's business calendar: weekly openings, whether Japanese public holidays
 * (substitute holidays included) close it, and the city's own closure days (the year-end
 * closure, a system outage). With no weekly openings at all it is open around the clock — a
 * fresh installation takes chats until supervisors set hours.
 */
export interface BusinessCalendar {
  weekly: WeeklyOpening[];
  publicHolidaysClosed: boolean;
  closures: string[];
}

const TOKYO_OFFSET_MS = 9 * 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** How far ahead the next opening is looked for: a month covers any closure the city makes. */
const LOOK_AHEAD_DAYS = 40;

const minutes = (time: string): number => {
  const [hours, mins] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (mins ?? 0);
};

/** The city's date (`YYYY-MM-DD`), weekday and minute of the day at `at` (Japan keeps no daylight saving time). */
function cityTime(at: Date): { date: string; weekday: number; minute: number } {
  const local = new Date(at.getTime() + TOKYO_OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    weekday: local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

function closedAllDay(calendar: BusinessCalendar, date: string): boolean {
  if (calendar.closures.includes(date)) return true;
  return calendar.publicHolidaysClosed && Object.hasOwn(holidayJp.holidays, date);
}

export function isOpenAt(calendar: BusinessCalendar, at: Date): boolean {
  if (calendar.weekly.length === 0) return true;
  const { date, weekday, minute } = cityTime(at);
  if (closedAllDay(calendar, date)) return false;
  return calendar.weekly.some(
    (opening) => opening.weekday === weekday && minutes(opening.opens) <= minute && minute < minutes(opening.closes),
  );
}

/** When it opens next after `at` (`at` itself when open), or null when no opening is set within the look-ahead. */
export function nextOpening(calendar: BusinessCalendar, at: Date): Date | null {
  if (isOpenAt(calendar, at)) return at;
  const start = cityTime(at);
  const midnight = Date.parse(`${start.date}T00:00:00Z`) - TOKYO_OFFSET_MS;
  for (let day = 0; day <= LOOK_AHEAD_DAYS; day += 1) {
    const dayStart = new Date(midnight + day * DAY_MS);
    const { date, weekday } = cityTime(dayStart);
    if (closedAllDay(calendar, date)) continue;
    const opens = calendar.weekly
      .filter((opening) => opening.weekday === weekday)
      .map((opening) => dayStart.getTime() + minutes(opening.opens) * MINUTE_MS)
      .filter((time) => time > at.getTime())
      .sort((a, b) => a - b);
    if (opens[0] !== undefined) return new Date(opens[0]);
  }
  return null;
}

/**
 * The seconds of service between `from` and `to` on the calendar: the SLA timers count only
 * these, so a chat queued a minute before closing has not waited all night in the morning.
 * Around the clock (no weekly openings) it is the plain difference.
 */
export function businessSecondsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to.getTime() <= from.getTime()) return 0;
  if (calendar.weekly.length === 0) return (to.getTime() - from.getTime()) / 1000;
  const start = cityTime(from);
  let dayStart = Date.parse(`${start.date}T00:00:00Z`) - TOKYO_OFFSET_MS;
  let open = 0;
  for (; dayStart < to.getTime(); dayStart += DAY_MS) {
    const { date, weekday } = cityTime(new Date(dayStart));
    if (closedAllDay(calendar, date)) continue;
    for (const opening of calendar.weekly) {
      if (opening.weekday !== weekday) continue;
      const opens = Math.max(dayStart + minutes(opening.opens) * MINUTE_MS, from.getTime());
      const closes = Math.min(dayStart + minutes(opening.closes) * MINUTE_MS, to.getTime());
      if (closes > opens) open += closes - opens;
    }
  }
  return open / 1000;
}
