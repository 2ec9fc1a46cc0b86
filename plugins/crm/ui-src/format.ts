const ZONE = 'Asia/Tokyo';

/** A date-time in the city's zone, in the reader's calendar (和暦 unless they chose the Gregorian one). */
export function dateTime(value: unknown, language: string, calendar = 'japanese'): string {
  if (typeof value !== 'string' || value === '') return '';
  const locale = language === 'en' ? 'en-GB' : 'ja-JP';
  return new Intl.DateTimeFormat(calendar === 'gregory' ? locale : `${locale}-u-ca-japanese`, {
    timeZone: ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(value));
}

/** A `datetime-local` input's value (city time) as an instant. */
export function fromLocalInput(value: string): string {
  return new Date(`${value}:00+09:00`).toISOString();
}

/** Tomorrow at 10:00 city time, as a `datetime-local` value: a follow-up's usual default. */
export function tomorrowMorning(): string {
  const tomorrow = new Date(Date.now() + 9 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
  return `${tomorrow}T10:00`;
}
