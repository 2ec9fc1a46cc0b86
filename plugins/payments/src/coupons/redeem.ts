import type { Sql } from '../storage/sql.ts';
import { alreadyRedeemed, invalidCode, notUsableHere, outsideValidPeriod, voided } from './errors.ts';
import {
  newTypedCode,
  normalizeTypedCode,
  PRESENTATION_SECONDS,
  signPresentation,
  verifyPresentation,
} from './qr-token.ts';

export interface ShownCoupon {
  /** The QR code's content: a signed token valid for two minutes. */
  token: string;
  /** The same presentation as a code to type. */
  code: string;
  expiresAt: string;
}

/**
 * A fresh presentation of one of the resident's unused coupons: a typed code stored for
 * `PRESENTATION_SECONDS`, and the QR token signed over it. Null when the coupon is not theirs
 * or no longer usable.
 */
export async function presentCoupon(
  sql: Sql,
  secret: string,
  couponId: string,
  residentId: string,
  now: Date,
): Promise<ShownCoupon | null> {
  const owned = await sql.query(`select 1 from coupon where id = $1 and resident_id = $2 and status = 'issued'`, [
    couponId,
    residentId,
  ]);
  if (owned.rowCount === 0) return null;
  const expiresAt = new Date(now.getTime() + PRESENTATION_SECONDS * 1000);
  let code = newTypedCode();
  // 50 random bits rarely collide; a collision just draws again.
  while (
    (
      await sql.query(
        'insert into coupon_presentation (code, coupon_id, expires_at) values ($1, $2, $3) on conflict do nothing returning code',
        [code, couponId, expiresAt.toISOString()],
      )
    ).rowCount === 0
  ) {
    code = newTypedCode();
  }
  const token = await signPresentation(secret, { couponId, residentId, code }, now);
  return { token, code, expiresAt: expiresAt.toISOString() };
}

export interface Redemption {
  couponId: string;
  definitionId: string;
  kind: 'coupon' | 'ticket';
  name: string;
  valueYen: number | null;
  service: string | null;
  redeemedAt: string;
  /** True when this very presentation was already redeemed here: a double submission. */
  replayed: boolean;
}

export interface RedeemRequest {
  secret: string;
  /** The scanned QR token, or the typed code. */
  token?: string;
  code?: string;
  shopId: string;
  staffId: string;
  now: Date;
}

/**
 * Redeems a presented coupon at a shop. One conditional UPDATE from `issued` does it, so of
 * two scans at once (or a screenshot shown again) exactly one succeeds; the same presentation
 * submitted twice at the same shop answers the first redemption again.
 */
export async function redeemCoupon(sql: Sql, request: RedeemRequest): Promise<Redemption> {
  const presented = await resolvePresentation(sql, request);
  const at = request.now.toISOString();
  const updated = await sql.query<Record<string, unknown>>(
    `update coupon c set status = 'redeemed', redeemed_at = $3, redeemed_shop = $4, redeemed_by = $5, redemption_key = $6
     from coupon_definition d
     where c.id = $1 and c.resident_id = $2 and c.status = 'issued' and d.id = c.definition_id
       and $3 >= d.valid_from and $3 < d.valid_until
       and (cardinality(d.usable_at) = 0 or $4::uuid = any (d.usable_at))
     returning c.id, c.redeemed_at, d.id as definition_id, d.kind, d.name_ja, d.value_yen, d.service`,
    [presented.couponId, presented.residentId, at, request.shopId, request.staffId, presented.code],
  );
  const row = updated.rows[0];
  if (row) return redemptionOf(row, false);
  return explainRefusal(sql, presented, request);
}

async function resolvePresentation(sql: Sql, request: RedeemRequest) {
  if (request.token) {
    const verified = await verifyPresentation(request.secret, request.token, request.now);
    if (!verified) throw invalidCode();
    return verified;
  }
  const code = request.code ? normalizeTypedCode(request.code) : null;
  if (!code) throw invalidCode();
  const found = await sql.query<{ coupon_id: string; resident_id: string }>(
    `select p.coupon_id, c.resident_id from coupon_presentation p join coupon c on c.id = p.coupon_id
     where p.code = $1 and p.expires_at > $2`,
    [code, request.now.toISOString()],
  );
  const row = found.rows[0];
  if (!row) throw invalidCode();
  return { couponId: String(row.coupon_id), residentId: String(row.resident_id), code };
}

async function explainRefusal(
  sql: Sql,
  presented: { couponId: string; residentId: string; code: string },
  request: RedeemRequest,
): Promise<Redemption> {
  const found = await sql.query<Record<string, unknown>>(
    `select c.id, c.status, c.redeemed_at, c.redeemed_shop, c.redemption_key, d.id as definition_id, d.kind, d.name_ja,
            d.value_yen, d.service, d.valid_from, d.valid_until, d.usable_at
     from coupon c join coupon_definition d on d.id = c.definition_id where c.id = $1 and c.resident_id = $2`,
    [presented.couponId, presented.residentId],
  );
  const row = found.rows[0];
  if (!row) throw invalidCode();
  if (row.status === 'redeemed') {
    if (row.redemption_key === presented.code && String(row.redeemed_shop) === request.shopId) {
      return redemptionOf(row, true);
    }
    throw alreadyRedeemed();
  }
  if (row.status === 'voided') throw voided();
  const now = request.now.getTime();
  if (now < new Date(row.valid_from as string).getTime() || now >= new Date(row.valid_until as string).getTime()) {
    throw outsideValidPeriod();
  }
  throw notUsableHere();
}

function redemptionOf(row: Record<string, unknown>, replayed: boolean): Redemption {
  return {
    couponId: String(row.id),
    definitionId: String(row.definition_id),
    kind: row.kind as 'coupon' | 'ticket',
    name: String(row.name_ja),
    valueYen: row.value_yen === null ? null : Number(row.value_yen),
    service: (row.service as string | null) ?? null,
    redeemedAt: new Date(row.redeemed_at as string).toISOString(),
    replayed,
  };
}
