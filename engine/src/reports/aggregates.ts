import type { ResolvedFact } from '../metadata/rule-facts.ts';
import type { ReportMeasure } from '../metadata/types.ts';
import { RULE_TIME_ZONE } from '../rules/index.ts';

/**
 * The measures as SQL. `direct`: aggregates over the rows (alias `s`, value `s.v<i>`) in one
 * grouping. `partials` + `columns`: the cells are aggregated once from the rows (a plain GROUP BY,
 * which PostgreSQL runs in parallel) and subtotals and the total are combined from the cells —
 * sums of counts and sums, min of mins, avg as sum ÷ count — several times faster than grouping
 * sets over the rows. A distinct count cannot be combined from cells, so a report with one is direct.
 */
export interface MeasureSql {
  /** Over the rows, one per measure part, named `p<i>_<j>`, plus `pn` (the cell size). Empty when direct. */
  partials: string[];
  /** The final values, named `m<i>`, plus `n`: over the rows when direct, over the cells (alias `c`) otherwise. */
  columns: string[];
}

export function canCombineFromCells(measures: readonly ReportMeasure[]): boolean {
  return !measures.some((measure) => measure.op === 'countDistinct');
}

export function measureSql(
  measures: readonly ReportMeasure[],
  facts: readonly (ResolvedFact | undefined)[],
  combine: boolean,
): MeasureSql {
  const partials: string[] = combine ? ['count(*) as pn'] : [];
  const finals = new Map<string, string>();
  for (const [i, measure] of measures.entries()) {
    if (measure.op === 'ratio') continue;
    const fact = facts[i];
    const value = `s.v${i}`;
    if (!combine) {
      finals.set(measure.name, direct(measure, fact, value));
      continue;
    }
    const part = (j: number, expression: string) => {
      partials.push(`${expression} as p${i}_${j}`);
      return `c.p${i}_${j}`;
    };
    switch (measure.op) {
      case 'count':
        finals.set(measure.name, `coalesce(sum(${part(0, fact ? `count(${value})` : 'count(*)')}), 0)::int`);
        break;
      case 'sum':
        finals.set(measure.name, `sum(${part(0, `sum(${value})`)})::float8`);
        break;
      case 'avg': {
        const total = part(0, `sum(${value}::float8)`);
        const count = part(1, `count(${value})`);
        finals.set(measure.name, `sum(${total}) / nullif(sum(${count}), 0)`);
        break;
      }
      default:
        finals.set(measure.name, formatted(`${measure.op}(${part(0, `${measure.op}(${value})`)})`, fact));
    }
  }
  const columns = [combine ? 'coalesce(sum(c.pn), 0)::int as n' : 'count(*)::int as n'];
  for (const [i, measure] of measures.entries()) {
    if (measure.op !== 'ratio') {
      columns.push(`${finals.get(measure.name)} as m${i}`);
      continue;
    }
    const numerator = finals.get(measure.numerator ?? '');
    const denominator = finals.get(measure.denominator ?? '');
    columns.push(`(${numerator})::float8 / nullif((${denominator})::float8, 0) as m${i}`);
  }
  return { partials, columns };
}

function direct(measure: ReportMeasure, fact: ResolvedFact | undefined, value: string): string {
  switch (measure.op) {
    case 'count':
      return fact ? `count(${value})::int` : 'count(*)::int';
    case 'countDistinct':
      return `count(distinct ${value})::int`;
    case 'sum':
      return `sum(${value})::float8`;
    case 'avg':
      return `avg(${value}::float8)`;
    default:
      return formatted(`${measure.op}(${value})`, fact);
  }
}

/** Minimum and maximum leave as numbers, dates as YYYY-MM-DD, datetimes on the Tokyo clock. */
function formatted(aggregate: string, fact: ResolvedFact | undefined): string {
  if (fact?.kind === 'datetime')
    return `to_char(${aggregate} at time zone '${RULE_TIME_ZONE}', 'YYYY-MM-DD"T"HH24:MI:SS')`;
  if (fact?.kind === 'date') return `${aggregate}::text`;
  return `${aggregate}::float8`;
}
