import type { PluginMigration } from '@kiban/sdk';
import { CAMPAIGN_SCHEMA } from './campaign-schema.ts';
import { COLLATION_SCHEMA } from './collation-schema.ts';
import { COUPON_SCHEMA } from './coupon-schema.ts';
import { LEDGER_KEYS_SCHEMA } from './ledger-keys-schema.ts';
import { LEDGER_SCHEMA } from './ledger-schema.ts';
import { LOT_DUE_SCHEMA } from './lot-due-schema.ts';
import { ORDER_SCHEMA } from './order-schema.ts';
import { RESERVATION_SCHEMA } from './reservation-schema.ts';
import { SETTLEMENT_SCHEMA } from './settlement-schema.ts';
import { VOIDED_VOUCHER_SCHEMA } from './voided-voucher-schema.ts';

/** Append-only: a released migration is never edited; changes come as new ones. */
export const MIGRATIONS: PluginMigration[] = [
  { id: '001-ledger', sql: LEDGER_SCHEMA },
  { id: '002-coupons-and-shops', sql: COUPON_SCHEMA },
  { id: '003-payment-orders', sql: ORDER_SCHEMA },
  { id: '004-campaigns-and-adjustments', sql: CAMPAIGN_SCHEMA },
  { id: '005-voucher-reservations', sql: RESERVATION_SCHEMA },
  { id: '006-settlement-mismatches', sql: SETTLEMENT_SCHEMA },
  { id: '007-byte-order-account-ids', sql: COLLATION_SCHEMA },
  { id: '008-ledger-keys', sql: LEDGER_KEYS_SCHEMA },
  { id: '009-voided-vouchers', sql: VOIDED_VOUCHER_SCHEMA },
  { id: '010-open-lots-by-expiry', sql: LOT_DUE_SCHEMA },
];
