import { addBusinessDaysToDate } from '../rules/business-days.ts';

export { isBusinessDay } from '../rules/business-days.ts';

const TOKYO_OFFSET_MS = 9 * 3_600_000;

/**
 * The same Tokyo wall-clock time `days` business days later: received on a Friday afternoon
 * before a holiday Monday, "after 3 business days" is Thursday afternoon. Japan has no
 * daylight saving time, so a fixed offset is exact.
 */
export function addBusinessDays(from: Date, days: number): Date {
  const local = new Date(from.getTime() + TOKYO_OFFSET_MS);
  const date = addBusinessDaysToDate(local.toISOString().slice(0, 10), days);
  const timeOfDay = local.getTime() - Date.parse(`${local.toISOString().slice(0, 10)}T00:00:00Z`);
  return new Date(Date.parse(`${date}T00:00:00Z`) + timeOfDay - TOKYO_OFFSET_MS);
}
