import { describe, expect, it } from 'vitest';
import { checkWritable, filterVisible } from './field-access.ts';
import type { Authorization } from './policy.ts';

const auth: Authorization = {
  allowed: true,
  rowFilters: null,
  hiddenFields: new Set(['income']),
  readOnlyFields: new Set(['income', 'decision']),
  grants: [{}],
};
const denial: Authorization = { ...auth, allowed: false, rowFilters: [] };

describe('field access', () => {
  it('removes hidden fields from a record without touching the original', () => {
    const record = { id: '1', status: 'open', income: '3000000', decision: null };
    expect(filterVisible(record, auth)).toEqual({ id: '1', status: 'open', decision: null });
    expect(record.income).toBe('3000000');
  });

  it('shows nothing of a record when not allowed', () => {
    expect(filterVisible({ id: '1', status: 'open' }, denial)).toEqual({});
  });

  it('names the hidden and read-only fields an input tries to write', () => {
    expect(checkWritable({ status: 'done', decision: 'approved', income: '0' }, auth)).toEqual(['decision', 'income']);
    expect(checkWritable({ status: 'done', note: 'ok' }, auth)).toEqual([]);
  });

  it('names every field of the input when not allowed', () => {
    expect(checkWritable({ status: 'done', note: 'ok' }, denial)).toEqual(['status', 'note']);
  });
});
