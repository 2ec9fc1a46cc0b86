import { quoteIdent } from './naming.ts';
import type { Sql } from './sql.ts';
import type { RowCondition } from './type-changes.ts';

/** Counts the rows a migration step would affect; the table's total is asked once per plan. */
export class RowCounter {
  readonly #sql: Sql;
  readonly #totals = new Map<string, Promise<number>>();

  constructor(sql: Sql) {
    this.#sql = sql;
  }

  total(table: string): Promise<number> {
    let total = this.#totals.get(table);
    if (!total) {
      total = this.count(table);
      this.#totals.set(table, total);
    }
    return total;
  }

  async count(table: string, condition?: RowCondition): Promise<number> {
    const where = condition ? ` where ${condition.where}` : '';
    const [row] = await this.#sql.query<{ n: number }>(
      `select count(*)::int as n from ${quoteIdent(table)}${where}`,
      condition?.params ?? [],
    );
    return row?.n ?? 0;
  }

  /** Rows that share their values in `columns` with another row (NULLs never collide). */
  async duplicates(table: string, columns: readonly string[]): Promise<number> {
    const cols = columns.map(quoteIdent).join(', ');
    const notNull = columns.map((c) => `${quoteIdent(c)} is not null`).join(' and ');
    const [row] = await this.#sql.query<{ n: number }>(
      `select coalesce(sum(n), 0)::int as n
         from (select count(*) as n from ${quoteIdent(table)} where ${notNull} group by ${cols} having count(*) > 1) d`,
    );
    return row?.n ?? 0;
  }

  /** Rows whose reference does not point at an existing row of `target` (compared as text, so
   * a column still changing type can be checked). */
  async orphans(table: string, column: string, target: string): Promise<number> {
    const c = quoteIdent(column);
    const [row] = await this.#sql.query<{ n: number }>(
      `select count(*)::int as n from ${quoteIdent(table)} s
        where s.${c} is not null and not exists (select 1 from ${quoteIdent(target)} r where r."id"::text = s.${c}::text)`,
    );
    return row?.n ?? 0;
  }
}
