import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import type { SettlementLine } from './settlement-report.ts';

export type MismatchKind = 'missingInLedger' | 'missingInReport' | 'amountDiffers' | 'duplicate';

export interface Mismatch {
  kind: MismatchKind;
  orderId: string | null;
  paymentId: string | null;
  details: Record<string, unknown>;
}

interface PaidOrder {
  id: string;
  payment_id: string;
  amount_yen: string;
  refunded_yen: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Compares a settlement report with the payment orders (our book of yen) and lists every
 * difference: a capture no order of ours was paid by (`missingInLedger`), an order paid in
 * the window that the report does not settle (`missingInReport`), a capture or refund total
 * that differs from ours (`amountDiffers`), and a transaction listed twice or an order
 * captured by two payments — a double charge (`duplicate`). Only reads; the caller records.
 */
export async function matchSettlement(
  sql: Sql,
  lines: SettlementLine[],
  window: { from: Date; to: Date },
): Promise<Mismatch[]> {
  const mismatches: Mismatch[] = [];
  const captures = lines.filter((line) => line.type === 'Capture');
  const seenTransactions = new Map<string, SettlementLine>();
  const paymentsOfOrder = new Map<string, Set<string>>();
  const unique: SettlementLine[] = [];
  for (const line of captures) {
    const earlier = seenTransactions.get(line.transactionId);
    if (earlier) {
      mismatches.push(mismatch('duplicate', line, { lines: [earlier.line, line.line], sameTransaction: true }));
      continue;
    }
    seenTransactions.set(line.transactionId, line);
    unique.push(line);
    paymentsOfOrder.set(line.orderId, (paymentsOfOrder.get(line.orderId) ?? new Set()).add(line.paymentId));
  }
  for (const [orderId, payments] of paymentsOfOrder) {
    if (payments.size > 1) {
      mismatches.push({
        kind: 'duplicate',
        orderId: UUID.test(orderId) ? orderId : null,
        paymentId: null,
        details: { payments: [...payments].sort() },
      });
    }
  }
  const ours = await sql.query<PaidOrder>(
    `select id, payment_id, amount_yen, refunded_yen from payment_order
     where payment_id = any($1::text[]) or (payment_id is not null and fulfilled_at >= $2 and fulfilled_at < $3)`,
    [unique.map((line) => line.paymentId), window.from.toISOString(), window.to.toISOString()],
  );
  const byPayment = new Map(ours.rows.map((order) => [order.payment_id, order]));
  const refunds = new Map<string, number>();
  for (const line of lines) {
    if (line.type === 'Refund')
      refunds.set(line.paymentId, (refunds.get(line.paymentId) ?? 0) + Math.abs(line.amountYen));
  }
  for (const line of unique) {
    const order = byPayment.get(line.paymentId);
    if (!order) {
      mismatches.push(mismatch('missingInLedger', line, { amountYen: line.amountYen, line: line.line }));
      continue;
    }
    if (toNumber(order.amount_yen) !== line.amountYen) {
      mismatches.push(
        mismatch('amountDiffers', line, { what: 'capture', ours: toNumber(order.amount_yen), report: line.amountYen }),
      );
    }
    const refunded = refunds.get(line.paymentId) ?? 0;
    if (refunded !== toNumber(order.refunded_yen)) {
      mismatches.push(
        mismatch('amountDiffers', line, { what: 'refund', ours: toNumber(order.refunded_yen), report: refunded }),
      );
    }
  }
  const settled = new Set(unique.map((line) => line.paymentId));
  for (const order of ours.rows) {
    if (!settled.has(order.payment_id)) {
      mismatches.push({ kind: 'missingInReport', orderId: order.id, paymentId: order.payment_id, details: {} });
    }
  }
  return mismatches;
}

function mismatch(kind: MismatchKind, line: SettlementLine, details: Record<string, unknown>): Mismatch {
  return { kind, orderId: UUID.test(line.orderId) ? line.orderId : null, paymentId: line.paymentId, details };
}
