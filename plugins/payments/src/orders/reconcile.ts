import type { PaymentProvider, ProviderPayment } from '../provider/port.ts';
import type { Sql, Store } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { type FulfilledOrder, fulfilOrder, UNPAID } from './capture.ts';

export type IssueKind =
  | 'unknownPayment'
  | 'amountMismatch'
  | 'refundMismatch'
  | 'missingAtProvider'
  | 'completedByReconciliation';

export interface ReconciliationIssue {
  kind: IssueKind;
  orderId: string | null;
  paymentId: string | null;
  details: Record<string, unknown>;
}

export interface ReconciliationReport {
  runDate: string;
  providerPayments: number;
  issues: ReconciliationIssue[];
  /** Orders the provider had captured whose webhook never completed them: completed now. */
  completed: FulfilledOrder[];
}

interface OrderRow {
  id: string;
  status: string;
  amount_yen: string;
  refunded_yen: string;
  payment_id: string | null;
}

/**
 * Compares the provider's payments created in [from, to) with our orders and lists every
 * difference. A payment the provider captured for an order we never fulfilled (the webhook
 * was lost, or the process died before its commit) is completed here — by the same
 * exactly-once step the webhook takes — and listed as such.
 */
export async function reconcile(
  store: Store,
  provider: PaymentProvider,
  window: { from: Date; to: Date; runDate: string },
): Promise<ReconciliationReport> {
  const payments = await provider.listPayments(window.from, window.to);
  return store.transaction(async (sql) => {
    const issues: ReconciliationIssue[] = [];
    const completed: FulfilledOrder[] = [];
    const seen = new Set<string>();
    for (const payment of payments) {
      seen.add(payment.paymentId);
      const order = await orderOf(sql, payment);
      if (!order) {
        issues.push({
          kind: 'unknownPayment',
          orderId: null,
          paymentId: payment.paymentId,
          details: { amountYen: payment.amountYen },
        });
        continue;
      }
      if (toNumber(order.amount_yen) !== payment.amountYen) {
        issues.push({
          kind: 'amountMismatch',
          orderId: order.id,
          paymentId: payment.paymentId,
          details: { ours: toNumber(order.amount_yen), provider: payment.amountYen },
        });
        continue;
      }
      const captured = payment.status === 'captured' || payment.status === 'refunded';
      if (captured && UNPAID.includes(order.status)) {
        const done = await fulfilOrder(sql, payment);
        if (done) completed.push(done);
        issues.push({
          kind: 'completedByReconciliation',
          orderId: order.id,
          paymentId: payment.paymentId,
          // Captured after its reservation lapsed and the stock ran out: to be refunded.
          details: done ? {} : { unfulfillable: true },
        });
      }
      if (captured && toNumber(order.refunded_yen) !== payment.refundedYen) {
        issues.push({
          kind: 'refundMismatch',
          orderId: order.id,
          paymentId: payment.paymentId,
          details: { ours: toNumber(order.refunded_yen), provider: payment.refundedYen },
        });
      }
    }
    const ours = await sql.query<{ id: string; payment_id: string }>(
      `select id, payment_id from payment_order where payment_id is not null and fulfilled_at >= $1 and fulfilled_at < $2`,
      [window.from.toISOString(), window.to.toISOString()],
    );
    for (const order of ours.rows) {
      if (!seen.has(order.payment_id)) {
        issues.push({ kind: 'missingAtProvider', orderId: order.id, paymentId: order.payment_id, details: {} });
      }
    }
    for (const issue of issues) {
      await sql.query(
        `insert into reconciliation_issue (run_date, kind, order_id, payment_id, details) values ($1, $2, $3, $4, $5)
         on conflict do nothing`,
        [window.runDate, issue.kind, issue.orderId, issue.paymentId, JSON.stringify(issue.details)],
      );
    }
    return { runDate: window.runDate, providerPayments: payments.length, issues, completed };
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function orderOf(sql: Sql, payment: ProviderPayment): Promise<OrderRow | undefined> {
  const byPayment = await sql.query<OrderRow>(
    'select id, status, amount_yen, refunded_yen, payment_id from payment_order where payment_id = $1',
    [payment.paymentId],
  );
  if (byPayment.rows[0]) return byPayment.rows[0];
  if (!payment.orderId || !UUID.test(payment.orderId)) return undefined;
  const byOrder = await sql.query<OrderRow>(
    'select id, status, amount_yen, refunded_yen, payment_id from payment_order where id = $1',
    [payment.orderId],
  );
  return byOrder.rows[0];
}
