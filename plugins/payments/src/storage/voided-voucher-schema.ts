/**
 * A refunded premium voucher is voided: `voided` is a third state a coupon reaches from
 * `issued` by one conditional UPDATE — the same row and the same guard a redemption takes, so
 * of a refund and a redemption at once exactly one wins. `voided_by_order` names the refund's
 * order, so that a refund retried after the provider was unreachable finds its own voiding.
 */
export const VOIDED_VOUCHER_SCHEMA = `
alter table coupon
  drop constraint coupon_status_check,
  add constraint coupon_status check (status in ('issued', 'redeemed', 'voided')),
  add column voided_at timestamptz,
  add column voided_by_order uuid references payment_order (id),
  add constraint voided_has_order check ((status = 'voided') = (voided_by_order is not null));
`;
