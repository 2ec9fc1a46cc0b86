export { applyProviderEvent, type FulfilledOrder, fulfilOrder, recordRefund } from './capture.ts';
export { type CheckoutInput, type CheckoutResult, startCheckout } from './checkout.ts';
export * from './errors.ts';
export { type ReconciliationIssue, type ReconciliationReport, reconcile } from './reconcile.ts';
export { refundOrder } from './refund.ts';
