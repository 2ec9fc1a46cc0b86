import type { Language } from '../metadata/index.ts';
import { intlLocale } from './languages.ts';

/** How dates are shown: 和暦 (令和8年11月25日) or 西暦 (2026年11月25日). */
export type CalendarPreference = 'japanese' | 'gregory';

/** Record datetimes are instants; residents read them on the city's clock. */
const CITY_TIME_ZONE = 'Asia/Tokyo';

function locale(language: Language, calendar: CalendarPreference): string {
  return `${intlLocale(language)}-u-ca-${calendar}`;
}

/**
 * A calendar date (`2026-11-25`). It names a day, not an instant, so it is formatted in UTC
 * where midnight of that day is exactly the value: no time zone can move it to another day.
 */
export function formatDate(value: string, language: Language, calendar: CalendarPreference): string {
  const instant = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language, calendar), {
    era: calendar === 'japanese' ? 'long' : undefined,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(instant);
}

/** An instant (`2026-11-25T01:00:00Z`), shown in Japan time. */
export function formatDateTime(value: string, language: Language, calendar: CalendarPreference): string {
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return value;
  return new Intl.DateTimeFormat(locale(language, calendar), {
    era: calendar === 'japanese' ? 'long' : undefined,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: CITY_TIME_ZONE,
  }).format(instant);
}
