/** One aggregate row of a report run: a cell (level 0), a subtotal or the grand total. */
export interface AggregateRow {
  /** PostgreSQL's grouping() bits: 0 for a cell, all bits set for the grand total. */
  level: number;
  /** How many records the row counts (the cell size). */
  n: number;
  keys: (string | null)[];
  suppressed: boolean;
}

/**
 * Statistical disclosure control, as statistical offices publish tables. Primary suppression
 * hides every row counting fewer than `minimum` records. Complementary suppression then
 * makes sure no line of the table — the cells of one value with their subtotal, or the
 * subtotals with the grand total — has exactly one hidden member, since that member would
 * be its total minus the others: the smallest visible part of such a line (else its total)
 * is hidden too, until every line has none or at least two. Rows are marked in place.
 */
export function suppressSmallCells(rows: AggregateRow[], dimensionCount: number, minimum: number): void {
  for (const row of rows) if (row.n < minimum) row.suppressed = true;
  const lines = linesOf(rows, dimensionCount);
  let changed = true;
  while (changed) {
    changed = false;
    for (const { parts, total } of lines) {
      const members = total ? [...parts, total] : parts;
      if (members.filter((member) => member.suppressed).length !== 1) continue;
      const visible = parts.filter((part) => !part.suppressed).sort((a, b) => a.n - b.n);
      const next = visible[0] ?? (total && !total.suppressed ? total : undefined);
      if (next) {
        next.suppressed = true;
        changed = true;
      }
    }
  }
}

interface Line {
  parts: AggregateRow[];
  total: AggregateRow | undefined;
}

/** The additive lines of the table: which rows sum to which total. */
function linesOf(rows: AggregateRow[], dimensionCount: number): Line[] {
  const cells = rows.filter((row) => row.level === 0);
  const grand = rows.find((row) => row.level === (1 << dimensionCount) - 1 && dimensionCount > 0);
  if (dimensionCount !== 2) return dimensionCount === 0 ? [] : [{ parts: cells, total: grand }];
  // grouping(g0, g1): 1 = g1 rolled up (a subtotal per g0 value), 2 = g0 rolled up (per g1 value).
  const byFirst = rows.filter((row) => row.level === 1);
  const bySecond = rows.filter((row) => row.level === 2);
  const lines: Line[] = [
    { parts: byFirst, total: grand },
    { parts: bySecond, total: grand },
  ];
  const keyed = (subtotals: AggregateRow[], index: 0 | 1) => {
    const groups = new Map<string | null, AggregateRow[]>();
    for (const cell of cells) groups.set(cell.keys[index], [...(groups.get(cell.keys[index]) ?? []), cell]);
    for (const [key, parts] of groups) {
      lines.push({ parts, total: subtotals.find((subtotal) => subtotal.keys[index] === key) });
    }
  };
  keyed(byFirst, 0);
  keyed(bySecond, 1);
  return lines;
}
