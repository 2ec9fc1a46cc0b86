import { describe, expect, it } from 'vitest';
import { localNow } from '../src/local-clock.ts';
import { isOpenDuring, parseWeeklyHours, weekdayOf } from '../src/opening-hours.ts';

const facility = (openingHours: unknown, closedDates: unknown = null) => ({ openingHours, closedDates });

describe('opening hours', () => {
  const splitDay = facility({
    mon: [
      ['09:00', '12:00'],
      ['13:00', '21:00'],
    ],
    sat: [['10:00', '24:00']],
  });
  const monday = '2026-03-02';

  it('knows the weekday of a date', () => {
    expect(weekdayOf(monday)).toBe('mon');
    expect(weekdayOf('2026-03-08')).toBe('sun');
  });

  it('accepts a slot inside one opening period and refuses one that crosses a break', () => {
    expect(isOpenDuring(splitDay, monday, '09:00', '12:00')).toBe(true);
    expect(isOpenDuring(splitDay, monday, '13:30', '21:00')).toBe(true);
    expect(isOpenDuring(splitDay, monday, '11:00', '14:00')).toBe(false);
    expect(isOpenDuring(splitDay, monday, '08:30', '09:30')).toBe(false);
    expect(isOpenDuring(splitDay, '2026-03-07', '22:00', '24:00')).toBe(true);
  });

  it('treats unlisted weekdays and closed dates as closed', () => {
    expect(isOpenDuring(splitDay, '2026-03-03', '10:00', '11:00')).toBe(false);
    const closedOnMonday = facility({ mon: [['09:00', '21:00']] }, [monday]);
    expect(isOpenDuring(closedOnMonday, monday, '10:00', '11:00')).toBe(false);
    expect(isOpenDuring(closedOnMonday, '2026-03-09', '10:00', '11:00')).toBe(true);
  });

  it('refuses a slot that ends before it starts', () => {
    expect(isOpenDuring(splitDay, monday, '11:00', '10:00')).toBe(false);
  });

  it('counts malformed hours as closed rather than open', () => {
    expect(parseWeeklyHours('always')).toEqual({});
    expect(parseWeeklyHours({ mon: [['9:00', '17:00'], ['18:00', '17:00'], ['18:00']], tue: 'all day' })).toEqual({
      mon: [],
    });
    expect(isOpenDuring(facility({ mon: [['9:00', '17:00']] }), monday, '10:00', '11:00')).toBe(false);
  });
});

describe('local clock', () => {
  it('reads the date and time in the city’s time zone', () => {
    const instant = new Date('2026-03-01T15:30:00Z');
    expect(localNow('Asia/Tokyo', instant)).toEqual({ date: '2026-03-02', time: '00:30' });
    expect(localNow('UTC', instant)).toEqual({ date: '2026-03-01', time: '15:30' });
  });
});
