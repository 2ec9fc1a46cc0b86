/** Account ids of the ledger: one text key per account, its kind as the prefix. */

export const ISSUANCE = 'issuance';
export const EXPIRED = 'expired';
export const SETTLEMENT = 'settlement';
export const EXCHANGE = 'exchange';
export const ADJUSTMENT = 'adjustment';

export function walletAccount(residentId: string): string {
  return `wallet:${residentId}`;
}

export function campaignAccount(campaignId: string): string {
  return `campaign:${campaignId}`;
}

export function shopAccount(shopId: string): string {
  return `shop:${shopId}`;
}
