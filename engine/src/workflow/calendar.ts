import holidayJp from '@holiday-jp/holiday_jp';
import { addDays } from '../rules/index.ts';

/**
 * The city's working calendar, on Asia/Tokyo dates: offices close on weekends, on Japanese
 * public holidays (including substitute holidays) and for the year-end closure from 29
 * December to 3 January, which is not a public holiday but is closed all the same.
 */
export function isBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = date.slice(5);
  if (monthDay >= '12-29' || monthDay <= '01-03') return false;
  return !Object.hasOwn(holidayJp.holidays, date);
}

const TOKYO_OFFSET_MS = 9 * 3_600_000;

/**
 * The same Tokyo wall-clock time `days` business days later: received on a Friday afternoon
 * before a holiday Monday, "after 3 business days" is Thursday afternoon. Japan has no
 * daylight saving time, so a fixed offset is exact.
 */
export function addBusinessDays(from: Date, days: number): Date {
  const local = new Date(from.getTime() + TOKYO_OFFSET_MS);
  let date = local.toISOString().slice(0, 10);
  for (let left = days; left > 0; ) {
    date = addDays(date, 1);
    if (isBusinessDay(date)) left--;
  }
  const timeOfDay = local.getTime() - Date.parse(`${local.toISOString().slice(0, 10)}T00:00:00Z`);
  return new Date(Date.parse(`${date}T00:00:00Z`) + timeOfDay - TOKYO_OFFSET_MS);
}
