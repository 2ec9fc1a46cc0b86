import { describe, expect, it } from 'vitest';
import { canonicalDate, canonicalDateTime, canonicalDecimal, canonicalUuid, timestamptzToIso } from './values.ts';

describe('canonical values', () => {
  it('accepts only real calendar dates', () => {
    expect(canonicalDate('2024-02-29')).toBe('2024-02-29');
    expect(canonicalDate('2023-02-29')).toBeUndefined();
    expect(canonicalDate('2024-2-9')).toBeUndefined();
    expect(canonicalDate(new Date('2024-04-01T23:30:00Z'))).toBe('2024-04-01');
  });

  it('reads ISO datetimes with a zone as UTC, and refuses zone-less times', () => {
    expect(canonicalDateTime('2024-04-01T09:00:00+09:00')).toBe('2024-04-01T00:00:00.000Z');
    expect(canonicalDateTime('2024-04-01T09:00+0900')).toBe('2024-04-01T00:00:00.000Z');
    expect(canonicalDateTime('2024-04-01T00:00:00.123456Z')).toBe('2024-04-01T00:00:00.123Z');
    expect(canonicalDateTime('2024-04-01')).toBe('2024-04-01T00:00:00.000Z');
    expect(canonicalDateTime('2024-04-01T09:00:00')).toBeUndefined();
    expect(canonicalDateTime('2024-02-30T00:00:00Z')).toBeUndefined();
    expect(canonicalDateTime('yesterday')).toBeUndefined();
  });

  it("reads PostgreSQL's timestamptz text in any session zone", () => {
    expect(timestamptzToIso('2024-04-01 09:00:00+09')).toBe('2024-04-01T00:00:00.000Z');
    expect(timestamptzToIso('2024-04-01 05:30:00.12+05:30')).toBe('2024-04-01T00:00:00.120Z');
    expect(timestamptzToIso('1880-01-01 09:18:59+09:18:59')).toBe('1880-01-01T00:00:00.000Z');
    expect(timestamptzToIso('0099-06-01 00:00:00+00')).toBe('0099-06-01T00:00:00.000Z');
  });

  it('rounds decimals half away from zero, like numeric(p, s)', () => {
    expect(canonicalDecimal('12.5', 2)).toBe('12.50');
    expect(canonicalDecimal(12.345, 2)).toBe('12.35');
    expect(canonicalDecimal('-0.005', 2)).toBe('-0.01');
    expect(canonicalDecimal('-0.004', 2)).toBe('0.00');
    expect(canonicalDecimal('99.995', 2)).toBe('100.00');
    expect(canonicalDecimal('007', 0)).toBe('7');
    expect(canonicalDecimal('+1.50')).toBe('1.5');
    expect(canonicalDecimal('1e3')).toBeUndefined();
    expect(canonicalDecimal(1e21)).toBeUndefined();
    expect(canonicalDecimal('1; drop')).toBeUndefined();
  });

  it('lower-cases uuids and refuses anything else', () => {
    expect(canonicalUuid('AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA')).toBe('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa');
    expect(canonicalUuid("' or 1=1")).toBeUndefined();
  });
});
