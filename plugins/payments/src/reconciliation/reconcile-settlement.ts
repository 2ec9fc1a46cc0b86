import { PluginError } from '@kiban/sdk';
import type { Store } from '../storage/sql.ts';
import { type Mismatch, matchSettlement } from './settlement-match.ts';
import { parseSettlementReport, SettlementReportError } from './settlement-report.ts';

export interface SettlementReconciliation {
  runDate: string;
  lines: number;
  mismatches: Mismatch[];
}

function badReport(error: SettlementReportError): PluginError {
  const message = {
    ja: `精算レポートを読めません（${error.line} 行目: ${error.message}）。`,
    en: `The settlement report cannot be read (line ${error.line}: ${error.message}).`,
  };
  return new PluginError('payments.badSettlementReport', 422, message, [
    { pointer: '/report', code: 'payments.badSettlementReport', message },
  ]);
}

/**
 * Reads a settlement report, compares it with the payment orders of the day and records every
 * mismatch under the day (a second run of the same report records nothing twice). A report
 * that cannot be read is refused whole and records nothing.
 */
export async function reconcileSettlement(
  store: Store,
  report: string,
  window: { from: Date; to: Date; runDate: string },
): Promise<SettlementReconciliation> {
  let lines: ReturnType<typeof parseSettlementReport>;
  try {
    lines = parseSettlementReport(report);
  } catch (error) {
    if (error instanceof SettlementReportError) throw badReport(error);
    throw error;
  }
  return store.transaction(async (sql) => {
    const mismatches = await matchSettlement(sql, lines, window);
    for (const mismatch of mismatches) {
      await sql.query(
        `insert into reconciliation_issue (run_date, kind, order_id, payment_id, details) values ($1, $2, $3, $4, $5)
         on conflict do nothing`,
        [window.runDate, mismatch.kind, mismatch.orderId, mismatch.paymentId, JSON.stringify(mismatch.details)],
      );
    }
    return { runDate: window.runDate, lines: lines.length, mismatches };
  });
}
