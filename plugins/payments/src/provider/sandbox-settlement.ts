import { writeSettlementReport } from '../reconciliation/settlement-report.ts';

/** What the sandbox keeps of a payment, as far as its settlement report needs. */
export interface SettledPayment {
  id: string;
  amount: number;
  external_order_num: string;
  status: string;
  refunds: Array<{ id: string; amount: number; created_at?: string }>;
  created_at: string;
}

/** A made-up card fee: the sandbox moves no money, but its report has KOMOJU's columns filled. */
const FEE_RATE = 0.0325;
const CONSUMPTION_TAX = 0.1;

/**
 * The sandbox's settlement report for payments captured in [from, to): a Capture line per
 * captured payment and a Refund line (negative) per refund, in KOMOJU's report format.
 */
export function sandboxSettlementReport(payments: Iterable<SettledPayment>, from: number, to: number): string {
  const rows = [];
  for (const payment of payments) {
    const at = new Date(payment.created_at).getTime();
    if (payment.status === 'failed' || at < from || at >= to) continue;
    const fee = -Math.round(payment.amount * FEE_RATE);
    const tax = Math.round(fee * CONSUMPTION_TAX);
    const common = {
      'Payment External Order#': payment.external_order_num,
      'Payment UUID': payment.id,
      'Payment Method': 'credit_card',
      Currency: 'JPY',
      'Processing Currency': 'JPY',
      'Remittance Currency': 'JPY',
      'Exchange Rate': '1',
    };
    rows.push({
      ...common,
      Type: 'Capture',
      Timestamp: payment.created_at,
      'Transaction UUID': payment.id,
      'Transaction Amount': String(payment.amount),
      'Fee Amount': String(fee),
      'Fee Tax Amount': String(tax),
      'Settlement Amount': String(payment.amount + fee + tax),
    });
    for (const refund of payment.refunds) {
      rows.push({
        ...common,
        Type: 'Refund',
        Timestamp: refund.created_at ?? payment.created_at,
        'Transaction UUID': refund.id,
        'Transaction Amount': String(-refund.amount),
        'Fee Amount': '0',
        'Fee Tax Amount': '0',
        'Settlement Amount': String(-refund.amount),
      });
    }
  }
  return writeSettlementReport(rows);
}
