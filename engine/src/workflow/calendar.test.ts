import { describe, expect, it } from 'vitest';
import { addBusinessDays, isBusinessDay } from './calendar.ts';

describe('the working calendar', () => {
  it('closes on weekends, public and substitute holidays and the year-end days', () => {
    expect(isBusinessDay('2026-11-24')).toBe(true);
    expect(isBusinessDay('2026-11-23')).toBe(false); // 勤労感謝の日
    expect(isBusinessDay('2026-11-28')).toBe(false); // Saturday
    expect(isBusinessDay('2026-12-29')).toBe(false);
    expect(isBusinessDay('2027-01-03')).toBe(false);
    expect(isBusinessDay('2027-01-04')).toBe(true);
    expect(isBusinessDay('2026-05-06')).toBe(false); // 振替休日 for 憲法記念日 on a Sunday
  });

  it('counts business days at the same Tokyo time of day', () => {
    // Friday 20 Nov 2026, 15:00 JST; Monday 23 Nov is a holiday.
    const friday = new Date('2026-11-20T06:00:00Z');
    expect(addBusinessDays(friday, 3).toISOString()).toBe('2026-11-26T06:00:00.000Z');
    // Friday 25 Dec: Monday 28 Dec, then the office is closed until Monday 4 Jan.
    expect(addBusinessDays(new Date('2026-12-25T01:30:00Z'), 3).toISOString()).toBe('2027-01-05T01:30:00.000Z');
  });

  it('reads the date in Tokyo, not in UTC', () => {
    // 23:30 UTC on Sunday is 08:30 Monday 30 Nov in Tokyo: three business days later is Thursday.
    expect(addBusinessDays(new Date('2026-11-29T23:30:00Z'), 3).toISOString()).toBe('2026-12-02T23:30:00.000Z');
  });

  it('covers golden week', () => {
    // Thursday 30 Apr 2026; 3–6 May are holidays (6 May substitutes for Sunday 3 May).
    expect(addBusinessDays(new Date('2026-04-30T00:00:00Z'), 2).toISOString()).toBe('2026-05-07T00:00:00.000Z');
  });
});
