import holidayJp from '@holiday-jp/holiday_jp';
import { addDays } from './evaluation-date.ts';

/**
 * The city's working calendar, on Asia/Tokyo dates: offices close on weekends, on Japanese
 * public holidays (including substitute holidays) and for the year-end closure from 29
 * December to 3 January, which is not a public holiday but is closed all the same. Workflow
 * timers, computed fields (in the browser too) and their SQL all read this one calendar.
 */
export function isBusinessDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  if (weekday === 0 || weekday === 6) return false;
  const monthDay = date.slice(5);
  if (monthDay >= '12-29' || monthDay <= '01-03') return false;
  return !Object.hasOwn(holidayJp.holidays, date);
}

/** The date `days` business days after `date` (`YYYY-MM-DD`); the date itself for 0 or fewer. */
export function addBusinessDaysToDate(date: string, days: number): string {
  let result = date;
  for (let left = days; left > 0; ) {
    result = addDays(result, 1);
    if (isBusinessDay(result)) left--;
  }
  return result;
}

/** Every public holiday the calendar knows, `YYYY-MM-DD`, in date order. */
export function publicHolidays(): string[] {
  return Object.keys(holidayJp.holidays).sort();
}

/**
 * The business day `days` business days from `date`, counting backwards for a negative
 * number ("2 business days before"); the date itself for 0.
 */
export function shiftBusinessDays(date: string, days: number): string {
  if (days >= 0) return addBusinessDaysToDate(date, days);
  let result = date;
  for (let left = -days; left > 0; ) {
    result = addDays(result, -1);
    if (isBusinessDay(result)) left--;
  }
  return result;
}
