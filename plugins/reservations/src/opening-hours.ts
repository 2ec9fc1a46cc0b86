/**
 * A facility's weekly opening hours and closed dates, and whether a slot lies inside them.
 * Stored on `Facility` as the plugin's field types (`field-types.ts`), whose schemas check the
 * shape on every write. JSON Schema cannot say that a period opens before it closes, so such
 * a period — like any value that is not of the documented shape — counts as closed: a typo
 * in the hours can never open a facility for booking.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `HH:MM` on a 24-hour clock; `24:00` closes a period at midnight. */
export type ClockTime = string;
export type WeeklyHours = Partial<Record<Weekday, [ClockTime, ClockTime][]>>;

/** `HH:MM` from 00:00 to 24:00. */
export const CLOCK_TIME_PATTERN = '^(?:(?:[01][0-9]|2[0-3]):[0-5][0-9]|24:00)$';
const CLOCK_TIME = new RegExp(CLOCK_TIME_PATTERN);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `{ "mon": [["09:00", "12:00"], ["13:00", "21:00"]], … }`; a weekday not listed is closed. */
export function parseWeeklyHours(value: unknown): WeeklyHours {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const hours: WeeklyHours = {};
  for (const day of WEEKDAYS) {
    const periods = (value as Record<string, unknown>)[day];
    if (Array.isArray(periods)) hours[day] = periods.filter(isPeriod);
  }
  return hours;
}

function isPeriod(value: unknown): value is [ClockTime, ClockTime] {
  return (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((time) => typeof time === 'string' && CLOCK_TIME.test(time)) &&
    value[0] < value[1]
  );
}

/** `["2026-12-29", …]`; anything else closes nothing. */
export function parseClosedDates(value: unknown): Set<string> {
  if (!Array.isArray(value)) return new Set();
  return new Set(value.filter((date): date is string => typeof date === 'string' && DATE.test(date)));
}

export function weekdayOf(date: string): Weekday {
  return WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()];
}

/** Whether `[start, end)` on `date` lies inside one opening period of that weekday. */
export function isOpenDuring(
  facility: { openingHours: unknown; closedDates: unknown },
  date: string,
  start: ClockTime,
  end: ClockTime,
): boolean {
  if (!(start < end) || parseClosedDates(facility.closedDates).has(date)) return false;
  const periods = parseWeeklyHours(facility.openingHours)[weekdayOf(date)] ?? [];
  // Zero-padded HH:MM strings order the same way as the times they name.
  return periods.some(([open, close]) => open <= start && end <= close);
}
