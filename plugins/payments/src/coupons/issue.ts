import { noRecipients } from '../ledger/errors.ts';
import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { perResidentLimitReached, stockExhausted, unknownDefinition } from './errors.ts';

export interface Definition {
  id: string;
  perResidentLimit: number;
  totalStock: number;
  issued: number;
  /** Held by checkouts not yet paid (see `orders/reservations.ts`). */
  reserved: number;
  pointsPrice: number | null;
}

export async function definitionOf(sql: Sql, id: string): Promise<Definition> {
  const result = await sql.query<Record<string, unknown>>(
    'select id, per_resident_limit, total_stock, issued, reserved, points_price from coupon_definition where id = $1',
    [id],
  );
  const row = result.rows[0];
  if (!row) throw unknownDefinition();
  return {
    id: String(row.id),
    perResidentLimit: toNumber(row.per_resident_limit),
    totalStock: toNumber(row.total_stock),
    issued: toNumber(row.issued),
    reserved: toNumber(row.reserved),
    pointsPrice: row.points_price === null ? null : toNumber(row.points_price),
  };
}

/**
 * Issues one coupon of `definition` to a resident: the per-resident counter and then the
 * stock counter are raised only while under their limits (counting what checkouts hold
 * reserved), in the statements that lock them, so concurrent claims cannot exceed either.
 * Call inside a transaction: a refusal rolls back.
 */
export async function issueOne(sql: Sql, definition: Definition, residentId: string): Promise<string> {
  const holding = await sql.query(
    `insert into coupon_holding (definition_id, resident_id, held) values ($1, $2, 1)
     on conflict (definition_id, resident_id) do update set held = coupon_holding.held + 1
     where coupon_holding.held + coupon_holding.reserved < $3 returning held`,
    [definition.id, residentId, definition.perResidentLimit],
  );
  if (holding.rowCount === 0) throw perResidentLimitReached(definition.perResidentLimit);
  const stock = await sql.query(
    'update coupon_definition set issued = issued + 1 where id = $1 and issued + reserved < total_stock returning issued',
    [definition.id],
  );
  if (stock.rowCount === 0) throw stockExhausted(0, 1);
  const coupon = await sql.query<{ id: string }>(
    'insert into coupon (definition_id, resident_id) values ($1, $2) returning id',
    [definition.id, residentId],
  );
  return String(coupon.rows[0]?.id);
}

/**
 * Gives one coupon to every resident the query selects who is still under the per-resident
 * limit, set-based, all or nothing against the stock. A distribution is recorded under its
 * idempotency key, so a retried one issues nothing twice.
 */
export async function distribute(
  sql: Sql,
  idempotencyKey: string,
  definition: Definition,
  recipients: { text: string; params: unknown[] },
): Promise<{ issued: number; replayed: boolean }> {
  const first = await sql.query(
    `insert into coupon_distribution (idempotency_key, definition_id, issued) values ($1, $2, 0)
     on conflict (idempotency_key) do nothing returning idempotency_key`,
    [idempotencyKey, definition.id],
  );
  if (first.rowCount === 0) {
    const done = await sql.query<{ issued: string }>(
      'select issued from coupon_distribution where idempotency_key = $1',
      [idempotencyKey],
    );
    return { issued: toNumber(done.rows[0]?.issued), replayed: true };
  }
  const base = recipients.params.length;
  const p = (n: number) => `$${base + n}`;
  const result = await sql.query<{ issued: string; stocked: string }>(
    `with recipients as materialized (
       select distinct chosen.resident::text as resident_id
       from (${recipients.text}) as chosen (resident) where chosen.resident is not null
     ),
     holdings as (
       insert into coupon_holding (definition_id, resident_id, held)
       select ${p(1)}::uuid, resident_id, 1 from recipients order by resident_id
       on conflict (definition_id, resident_id) do update set held = coupon_holding.held + 1
       where coupon_holding.held + coupon_holding.reserved < ${p(2)}::integer
       returning resident_id
     ),
     stock as (
       update coupon_definition set issued = issued + (select count(*) from holdings)
       where id = ${p(1)}::uuid and issued + reserved + (select count(*) from holdings) <= total_stock
       returning issued
     ),
     coupons as (
       insert into coupon (definition_id, resident_id) select ${p(1)}::uuid, resident_id from holdings
     )
     select (select count(*) from holdings) as issued, (select count(*) from stock) as stocked`,
    [...recipients.params, definition.id, definition.perResidentLimit],
  );
  const issued = toNumber(result.rows[0]?.issued);
  if (issued === 0) throw noRecipients();
  if (toNumber(result.rows[0]?.stocked) !== 1) {
    const now = await definitionOf(sql, definition.id);
    throw stockExhausted(now.totalStock - now.issued - now.reserved, issued);
  }
  await sql.query('update coupon_distribution set issued = $2 where idempotency_key = $1', [idempotencyKey, issued]);
  return { issued, replayed: false };
}
