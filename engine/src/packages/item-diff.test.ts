import { describe, expect, it } from 'vitest';
import { diffJson, formatDiffEntry } from './item-diff.ts';

const field = (name: string, extra: Record<string, unknown> = {}) => ({ name, type: 'string', ...extra });

function lines(before: unknown, after: unknown): string[] {
  return diffJson(before, after).map(formatDiffEntry);
}

describe('diffJson', () => {
  it('reports nothing for equal documents whatever their key order', () => {
    expect(diffJson({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toEqual([]);
  });

  it('goes down to the changed value', () => {
    const before = { fields: [field('name'), field('code'), field('ward', { maxLength: 100 })] };
    const after = { fields: [field('name'), field('code'), field('ward', { maxLength: 200 })] };
    expect(lines(before, after)).toEqual(['~ /fields/2/maxLength: 100 → 200']);
  });

  it('reads an inserted or removed element as one addition or removal', () => {
    const before = { fields: [field('name'), field('code'), field('ward')] };
    const after = { fields: [field('name'), field('school'), field('code'), field('ward', { unique: true })] };
    expect(lines(before, after)).toEqual(['+ /fields/1 { name: "school", … }', '+ /fields/3/unique true']);
    expect(lines(after, before)).toEqual(['- /fields/1 { name: "school", … }', '- /fields/2/unique true']);
  });

  it('shows a replaced element as a removal at its old index and an addition at its new one', () => {
    expect(lines({ fields: [field('a'), field('b')] }, { fields: [field('a'), field('c')] })).toEqual([
      '- /fields/1 { name: "b", … }',
      '+ /fields/1 { name: "c", … }',
    ]);
  });

  it('aligns form fields by field, enum values by value and plain values by themselves', () => {
    expect(lines({ fields: [{ field: 'a' }, { field: 'b' }] }, { fields: [{ field: 'b' }] })).toEqual([
      '- /fields/0 {…}',
    ]);
    expect(
      lines({ values: [{ value: 'x', label: { ja: 'X' } }] }, { values: [{ value: 'x', label: { ja: 'エックス' } }] }),
    ).toEqual(['~ /values/0/label/ja: "X" → "エックス"']);
    expect(lines({ actions: ['read', 'create'] }, { actions: ['read', 'update', 'create'] })).toEqual([
      '+ /actions/1 "update"',
    ]);
  });

  it('escapes keys in pointers and shows changes of type whole', () => {
    expect(lines({ 'a/b': 1 }, { 'a/b': 2 })).toEqual(['~ /a~1b: 1 → 2']);
    expect(lines({ x: [1] }, { x: { y: 1 } })).toEqual(['~ /x: […] → {…}']);
    expect(lines({ x: 1 }, {})).toEqual(['- /x 1']);
  });
});
