export * from './accounts.ts';
export { budgetExhausted, insufficientPoints } from './errors.ts';
export { type ExpiryResult, expireLots } from './expire.ts';
export { fundCampaign } from './fund.ts';
export { type BulkGrantRequest, type GrantRequest, grantPoints, grantToPopulation } from './grant.ts';
export { availablePoints, type SpendRequest, spendPoints } from './spend.ts';
export { openTransfer, post, requestHash, type TransferKind } from './transfer.ts';
export { iso, type WalletSummary, walletSummary } from './wallet-summary.ts';
