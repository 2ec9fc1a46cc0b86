import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';

/** The staff reports, each as rows ready for JSON or CSV; every figure comes from the ledger. */

export interface Report {
  header: string[];
  rows: unknown[][];
}

/** Per campaign and day: points granted that day and the budget left after it (burn-down). */
export async function campaignBurnDown(sql: Sql, campaignId: string): Promise<Report> {
  const result = await sql.query<{ day: string; granted: string; remaining: string }>(
    `with daily as (
       select (p.created_at at time zone 'Asia/Tokyo')::date as day, -sum(p.amount) as granted
       from posting p join transfer t on t.id = p.transfer_id
       where p.account_id = $1 and t.kind = 'grant' group by 1
     )
     select day::text as day, granted,
            (select budget from campaign where id = $2::uuid) - sum(granted) over (order by day) as remaining
     from daily order by day`,
    [`campaign:${campaignId}`, campaignId],
  );
  return {
    header: ['day', 'granted', 'remaining'],
    rows: result.rows.map((r) => [r.day, toNumber(r.granted), toNumber(r.remaining)]),
  };
}

/** Coupons redeemed and points spent per shop and day (Japan time) within [from, to). */
export async function redemptionsByShopAndDay(sql: Sql, from: string, to: string): Promise<Report> {
  const result = await sql.query<{
    shop: string;
    name: string;
    day: string;
    coupons: string;
    coupon_yen: string;
    points: string;
  }>(
    `with coupons as (
       select c.redeemed_shop as shop_id, (c.redeemed_at at time zone 'Asia/Tokyo')::date as day,
              count(*) as coupons, coalesce(sum(d.value_yen), 0) as coupon_yen
       from coupon c join coupon_definition d on d.id = c.definition_id
       where c.status = 'redeemed' and c.redeemed_at >= $1 and c.redeemed_at < $2 group by 1, 2
     ),
     points as (
       select substr(p.account_id, 6)::uuid as shop_id, (p.created_at at time zone 'Asia/Tokyo')::date as day,
              sum(p.amount) as points
       from posting p join transfer t on t.id = p.transfer_id
       where t.kind = 'spend' and p.account_id like 'shop:%' and p.created_at >= $1 and p.created_at < $2 group by 1, 2
     )
     select s.id as shop, s.name, coalesce(c.day, p.day)::text as day, coalesce(c.coupons, 0) as coupons,
            coalesce(c.coupon_yen, 0) as coupon_yen, coalesce(p.points, 0) as points
     from coupons c full join points p on p.shop_id = c.shop_id and p.day = c.day
     join shop s on s.id = coalesce(c.shop_id, p.shop_id)
     order by s.name, 3`,
    [from, to],
  );
  return {
    header: ['shop_id', 'shop', 'day', 'coupons', 'coupon_yen', 'points'],
    rows: result.rows.map((r) => [
      r.shop,
      r.name,
      r.day,
      toNumber(r.coupons),
      toNumber(r.coupon_yen),
      toNumber(r.points),
    ]),
  };
}

/** What the city still owes: unspent points in wallets and unused coupons' face value. */
export async function outstandingLiabilities(sql: Sql): Promise<Report> {
  const result = await sql.query<{ wallets: string; points: string; coupons: string; coupon_yen: string }>(
    `select (select count(*) from account where kind = 'wallet' and balance > 0) as wallets,
            (select coalesce(sum(balance), 0) from account where kind = 'wallet') as points,
            (select count(*) from coupon where status = 'issued') as coupons,
            (select coalesce(sum(d.value_yen), 0) from coupon c join coupon_definition d on d.id = c.definition_id
              where c.status = 'issued') as coupon_yen`,
  );
  const r = result.rows[0];
  return {
    header: ['wallets_with_points', 'points_outstanding', 'coupons_unused', 'coupon_yen_outstanding'],
    rows: [[toNumber(r?.wallets), toNumber(r?.points), toNumber(r?.coupons), toNumber(r?.coupon_yen)]],
  };
}

/** A shop's monthly settlement statement: every redemption and point spend of the month. */
export async function settlementStatement(sql: Sql, shopId: string, month: string): Promise<Report> {
  const result = await sql.query<{ at: Date | string; kind: string; reference: string; yen: string; points: string }>(
    `with bounds as (
       select ($2 || '-01')::timestamp at time zone 'Asia/Tokyo' as from_at,
              (($2 || '-01')::date + interval '1 month')::timestamp at time zone 'Asia/Tokyo' as to_at
     )
     select c.redeemed_at as at, 'coupon' as kind, c.id::text as reference, coalesce(d.value_yen, 0) as yen, 0 as points
     from coupon c join coupon_definition d on d.id = c.definition_id, bounds b
     where c.redeemed_shop = $1::uuid and c.status = 'redeemed' and c.redeemed_at >= b.from_at and c.redeemed_at < b.to_at
     union all
     select p.created_at, 'points', t.id::text, 0, p.amount
     from posting p join transfer t on t.id = p.transfer_id, bounds b
     where p.account_id = 'shop:' || $1 and t.kind = 'spend' and p.created_at >= b.from_at and p.created_at < b.to_at
     order by 1`,
    [shopId, month],
  );
  return {
    header: ['at', 'kind', 'reference', 'coupon_yen', 'points'],
    rows: result.rows.map((r) => [
      new Date(r.at).toISOString(),
      r.kind,
      r.reference,
      toNumber(r.yen),
      toNumber(r.points),
    ]),
  };
}
