import { describe, expect, it } from 'vitest';
import { isComputeFailure, resolveCompute } from '../../metadata/compute-resolve.ts';
import type { ComputeExpression, FieldDefinition } from '../../metadata/types.ts';
import { type ComputeSubject, evaluateCompute } from './evaluate.ts';
import { computedField, order, orderLine, priceItem, withComputed } from './test-entities.ts';

function compute(type: FieldDefinition['type'], expression: ComputeExpression, subject: ComputeSubject, extra = {}) {
  const field = computedField('result', type, expression, extra);
  const entity = withComputed(order, field);
  const entities = new Map([entity, orderLine, priceItem].map((each) => [each.name, each]));
  const resolved = resolveCompute(field, entity, entities);
  if (isComputeFailure(resolved)) throw new Error(resolved.detail);
  return evaluateCompute(field, resolved, subject);
}

const line = (quantity: number | null, price: string | null, fee?: string): ComputeSubject => ({
  record: { quantity, price },
  references: { item: fee === undefined ? null : { fee } },
});

describe('the one-record interpreter of computed fields', () => {
  it('adds decimals exactly and rounds half away from zero to the field scale', () => {
    expect(compute('decimal', { add: [0.1, 0.2] }, { record: {} })).toBe('0.30');
    expect(compute('decimal', { mul: [{ fact: 'discount' }, 1] }, { record: { discount: '-2.345' } })).toBe('-2.35');
    expect(compute('decimal', { div: [2, 3] }, { record: {} }, { scale: 12 })).toBe('0.666666666700');
    expect(compute('decimal', { div: [1, { fact: 'copies' }] }, { record: { copies: 0 } })).toBeNull();
  });

  it('aggregates the lines: sums skip missing values, a sum of none is 0, min and max of none are empty', () => {
    const lines = [line(2, '100.5'), line(null, '3'), line(3, null, '300')];
    const subject = { record: {}, collections: { lines } };
    const amount: ComputeExpression = { mul: [{ fact: 'quantity' }, { fact: 'price' }] };
    expect(compute('decimal', { sum: amount, of: 'lines' }, subject)).toBe('201.00');
    expect(compute('decimal', { max: { fact: 'item.fee' }, of: 'lines' }, subject)).toBe('300.00');
    expect(compute('integer', { fact: 'count', of: 'lines' }, subject)).toBe(3);
    expect(compute('decimal', { sum: amount, of: 'lines' }, { record: {} })).toBe('0.00');
    expect(compute('decimal', { min: amount, of: 'lines' }, { record: {} })).toBeNull();
  });

  it('computes ages, business days and names for city forms', () => {
    const record = { birthDate: '2008-02-29', orderedOn: '2026-02-28', familyName: '山田', givenName: null };
    expect(compute('integer', { ageOn: [{ fact: 'birthDate' }, { fact: 'orderedOn' }] }, { record })).toBe(17);
    expect(compute('date', { addBusinessDays: [{ fact: 'orderedOn' }, 1] }, { record })).toBe('2026-03-02');
    expect(compute('date', { addBusinessDays: ['2026-12-28', 1] }, { record })).toBe('2027-01-04');
    expect(compute('integer', { daysBetween: [{ fact: 'birthDate' }, { fact: 'orderedOn' }] }, { record })).toBe(6574);
    expect(compute('string', { concat: [{ fact: 'familyName' }, '　', { fact: 'givenName' }] }, { record })).toBe(
      '山田　',
    );
    expect(compute('string', { concat: ['𠮷', '田'] }, { record }, { maxLength: 1 })).toBe('𠮷');
  });
});
