/**
 * Mismatches between the provider's settlement report and the payment orders go to the same
 * list as the daily reconciliation's issues, with kinds of their own. A capture and a refund
 * of one payment may both differ, so `details.what` is part of what makes an issue unique.
 */
export const SETTLEMENT_SCHEMA = `
alter table reconciliation_issue
  drop constraint reconciliation_issue_kind_check,
  add constraint reconciliation_issue_kind check (kind in (
    'unknownPayment', 'amountMismatch', 'refundMismatch', 'missingAtProvider', 'completedByReconciliation',
    'missingInLedger', 'missingInReport', 'amountDiffers', 'duplicate'
  )),
  drop constraint reconciliation_issue_run_date_kind_order_id_payment_id_key;
create unique index reconciliation_issue_once
  on reconciliation_issue (run_date, kind, order_id, payment_id, (details->>'what')) nulls not distinct;
`;
