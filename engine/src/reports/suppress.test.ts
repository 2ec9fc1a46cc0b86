import { describe, expect, it } from 'vitest';
import { type AggregateRow, suppressSmallCells } from './suppress.ts';

const row = (level: number, n: number, ...keys: (string | null)[]): AggregateRow => ({
  level,
  n,
  keys,
  suppressed: false,
});
const hidden = (rows: AggregateRow[]) =>
  rows.filter((each) => each.suppressed).map((each) => `${each.level}:${each.keys.join('/')}`);

describe('suppressSmallCells', () => {
  it('hides a second cell of a one-way table, the smallest, so the total does not give the small one away', () => {
    const rows = [row(0, 5, 'web'), row(0, 3, 'phone'), row(0, 4, 'mail'), row(0, 1, 'window'), row(1, 13, null)];
    suppressSmallCells(rows, 1, 3);
    expect(hidden(rows)).toEqual(['0:phone', '0:window']);
  });

  it('hides the total when the only cell is small', () => {
    const rows = [row(0, 2, 'web'), row(1, 2, null)];
    suppressSmallCells(rows, 1, 3);
    expect(hidden(rows)).toEqual(['0:web', '1:']);
  });

  it('follows a two-way table through its rows and columns until no line has one hidden member', () => {
    //        a    b  | total
    //   x   10    2  |  12
    //   y    8    9  |  17
    //       18   11  |  29
    const rows = [
      row(0, 10, 'x', 'a'),
      row(0, 2, 'x', 'b'),
      row(0, 8, 'y', 'a'),
      row(0, 9, 'y', 'b'),
      row(1, 12, 'x', null),
      row(1, 17, 'y', null),
      row(2, 18, null, 'a'),
      row(2, 11, null, 'b'),
      row(3, 29, null, null),
    ];
    suppressSmallCells(rows, 2, 3);
    // x/b is small; x/a goes with it (row x), then y/a (column a), then y/b (column b); the margins stay.
    expect(hidden(rows)).toEqual(['0:x/a', '0:x/b', '0:y/a', '0:y/b']);
  });

  it('leaves a table without small cells alone', () => {
    const rows = [row(0, 5, 'a'), row(0, 7, 'b'), row(1, 12, null)];
    suppressSmallCells(rows, 1, 5);
    expect(hidden(rows)).toEqual([]);
  });
});
