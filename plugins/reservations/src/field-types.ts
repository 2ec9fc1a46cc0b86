import type { FieldTypeContribution } from '@kiban/sdk';
import { CLOCK_TIME_PATTERN, WEEKDAYS } from './opening-hours.ts';

/**
 * Field types this plugin adds to the metadata language, so that the engine checks opening
 * hours and closed dates on every write (REST, forms and the data API alike).
 */

const PERIOD = {
  type: 'array',
  minItems: 2,
  maxItems: 2,
  prefixItems: [
    { type: 'string', pattern: CLOCK_TIME_PATTERN },
    { type: 'string', pattern: CLOCK_TIME_PATTERN },
  ],
};

/** `reservations.weeklyHours`: `{ "mon": [["09:00", "12:00"], ["13:00", "21:00"]], … }`. */
export const weeklyHoursType: FieldTypeContribution = {
  name: 'weeklyHours',
  label: { ja: '曜日ごとの開館時間', en: 'Weekly opening hours' },
  base: 'json',
  schema: {
    type: 'object',
    propertyNames: { enum: [...WEEKDAYS] },
    additionalProperties: { type: 'array', maxItems: 12, items: PERIOD },
  },
};

/** `reservations.dateList`: `["2026-12-29", "2026-12-30"]`. */
export const dateListType: FieldTypeContribution = {
  name: 'dateList',
  label: { ja: '日付の一覧', en: 'List of dates' },
  base: 'json',
  schema: { type: 'array', uniqueItems: true, maxItems: 1000, items: { type: 'string', format: 'date' } },
};
