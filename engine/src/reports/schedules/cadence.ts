import { Cron } from 'croner';

/**
 * How often a scheduled report goes out, at a wall-clock time in the city's time zone.
 * `weekday` is ISO (1 Monday … 7 Sunday); `day` stops at 28 so that every month has it.
 */
export type Cadence =
  | { every: 'day'; time: string }
  | { every: 'week'; weekday: number; time: string }
  | { every: 'month'; day: number; time: string };

export const TIME_SCHEMA = {
  type: 'string',
  pattern: '^(?:[01][0-9]|2[0-3]):[0-5][0-9]$',
  description: '時刻は 00:00〜23:59 の形で指定してください。 / Give the time as 00:00 to 23:59.',
} as const;

/** The cadence's JSON Schema, for the API's validation and its OpenAPI document. */
export const CADENCE_SCHEMA = {
  oneOf: [
    {
      type: 'object',
      required: ['every', 'time'],
      additionalProperties: false,
      properties: { every: { const: 'day' }, time: TIME_SCHEMA },
    },
    {
      type: 'object',
      required: ['every', 'weekday', 'time'],
      additionalProperties: false,
      properties: {
        every: { const: 'week' },
        weekday: { type: 'integer', minimum: 1, maximum: 7 },
        time: TIME_SCHEMA,
      },
    },
    {
      type: 'object',
      required: ['every', 'day', 'time'],
      additionalProperties: false,
      properties: {
        every: { const: 'month' },
        day: { type: 'integer', minimum: 1, maximum: 28 },
        time: TIME_SCHEMA,
      },
    },
  ],
} as const;

function cronOf(cadence: Cadence): string {
  const [hour, minute] = cadence.time.split(':').map(Number);
  if (cadence.every === 'day') return `${minute} ${hour} * * *`;
  if (cadence.every === 'week') return `${minute} ${hour} * * ${cadence.weekday % 7}`;
  return `${minute} ${hour} ${cadence.day} * *`;
}

/** The first time the cadence comes round after `from`. */
export function nextOccurrence(cadence: Cadence, timeZone: string, from: Date): Date {
  const next = new Cron(cronOf(cadence), { timezone: timeZone, paused: true }).nextRun(from);
  if (!next) throw new Error('The cadence never comes round again.');
  return next;
}

/**
 * The period an occurrence delivers, as the city reads its calendar: the day (daily and weekly
 * deliveries) or the month. One delivery per schedule and period is the idempotency rule.
 */
export function periodOf(cadence: Cadence, timeZone: string, at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  return cadence.every === 'month' ? `${parts.year}-${parts.month}` : `${parts.year}-${parts.month}-${parts.day}`;
}
