import { describe, expect, it } from 'vitest';
import { type BusinessCalendar, businessSecondsBetween } from '../src/hours/calendar.ts';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
const at = (local: string) => new Date(`${local}+09:00`);

describe('service time on the business calendar', () => {
  const calendar: BusinessCalendar = { weekly: weekdays('09:00', '17:00'), publicHolidaysClosed: true, closures: [] };

  it('counts only the open hours, across a night and a weekend', () => {
    expect(businessSecondsBetween(calendar, at('2027-01-18T16:55:00'), at('2027-01-18T17:30:00'))).toBe(300);
    expect(businessSecondsBetween(calendar, at('2027-01-18T16:55:00'), at('2027-01-19T09:06:00'))).toBe(660);
    expect(businessSecondsBetween(calendar, at('2027-01-22T16:00:00'), at('2027-01-25T10:00:00'))).toBe(7200);
  });

  it('skips a public holiday and a city closure day', () => {
    // Monday 11 January 2027 is 成人の日.
    expect(businessSecondsBetween(calendar, at('2027-01-08T16:00:00'), at('2027-01-12T10:00:00'))).toBe(7200);
    const closed = { ...calendar, closures: ['2027-01-12'] };
    expect(businessSecondsBetween(closed, at('2027-01-08T16:00:00'), at('2027-01-13T10:00:00'))).toBe(7200);
    const holidaysOpen = { ...calendar, publicHolidaysClosed: false };
    expect(businessSecondsBetween(holidaysOpen, at('2027-01-08T16:00:00'), at('2027-01-12T10:00:00'))).toBe(
      7200 + 8 * 3600,
    );
  });

  it('adds split openings of one day, and is plain time around the clock', () => {
    const split: BusinessCalendar = {
      weekly: [
        { weekday: 1, opens: '08:30', closes: '12:00' },
        { weekday: 1, opens: '13:00', closes: '17:15' },
      ],
      publicHolidaysClosed: true,
      closures: [],
    };
    expect(businessSecondsBetween(split, at('2027-01-18T11:30:00'), at('2027-01-18T13:30:00'))).toBe(3600);
    const always: BusinessCalendar = { weekly: [], publicHolidaysClosed: true, closures: [] };
    expect(businessSecondsBetween(always, at('2027-01-09T00:00:00'), at('2027-01-10T00:00:00'))).toBe(86_400);
    expect(businessSecondsBetween(calendar, at('2027-01-19T10:00:00'), at('2027-01-18T10:00:00'))).toBe(0);
  });
});
