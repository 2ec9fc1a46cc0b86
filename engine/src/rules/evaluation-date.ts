/**
 * The one place the rule language meets the clock. Dates (date fields, ages, relative dates)
 * are read on the calendar of Asia/Tokyo, the city's zone, whatever zone the server or the
 * database session runs in: "today" is computed here once and handed to both interpreters,
 * so they cannot disagree about it. Datetimes are instants and compare as instants.
 */
export const RULE_TIME_ZONE = 'Asia/Tokyo';

const DAY_MS = 86_400_000;
const calendar = new Intl.DateTimeFormat('en-CA', {
  timeZone: RULE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export interface EvaluationDate {
  /** The evaluation instant. */
  now: Date;
  /** Today's date in Asia/Tokyo, `YYYY-MM-DD`. */
  today: string;
}

export function evaluationDate(now: Date): EvaluationDate {
  if (Number.isNaN(now.getTime())) throw new Error('The evaluation time is not a valid date');
  return { now, today: calendar.format(now) };
}

/** `YYYY-MM-DD` shifted by whole days; the calendar arithmetic is zone-free. */
export function addDays(date: string, days: number): string {
  const shifted = new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS);
  return shifted.toISOString().slice(0, 10);
}

/** An instant shifted by whole 24-hour days, as an ISO string. */
export function addDaysToInstant(now: Date, days: number): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/**
 * Age in whole years on `today`: the birthday counts from its month and day, so someone born
 * on 29 February turns a year older on 1 March in common years. The SQL interpreter spells
 * exactly this formula (year difference, minus one while MMDD is still ahead).
 */
export function ageOn(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return birthDate.slice(5).replace('-', '') > today.slice(5).replace('-', '') ? years - 1 : years;
}
