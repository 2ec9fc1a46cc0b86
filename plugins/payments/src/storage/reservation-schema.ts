/**
 * Premium vouchers are reserved when checkout starts, so that a resident who pays always gets
 * one. A reservation holds a unit of stock (`coupon_definition.reserved`) and a unit of the
 * resident's limit (`coupon_holding.reserved`); the CHECKs count issued and reserved together,
 * so neither limit can be passed however many checkouts run at once. A reservation is consumed
 * by the capture, or released by a cancel, a failed payment or its expiry (a job).
 */
export const RESERVATION_SCHEMA = `
alter table coupon_definition
  add column reserved integer not null default 0 check (reserved >= 0),
  add constraint stock_with_reservations check (issued + reserved <= total_stock);

alter table coupon_holding
  add column reserved integer not null default 0 check (reserved >= 0),
  drop constraint coupon_holding_held_check,
  add constraint holding_counts check (held >= 0);

alter table payment_order
  drop constraint payment_order_status_check,
  add constraint payment_order_status check (
    status in ('created', 'pending', 'fulfilled', 'refunded', 'cancelled', 'expired', 'failed', 'unfulfillable')
  );

create table voucher_reservation (
  order_id uuid primary key references payment_order (id),
  definition_id uuid not null references coupon_definition (id),
  resident_id text not null,
  status text not null default 'held' check (status in ('held', 'consumed', 'released')),
  expires_at timestamptz not null,
  released_because text check (released_because in ('cancelled', 'failed', 'expired')),
  created_at timestamptz not null default now()
);
create index voucher_reservation_due on voucher_reservation (expires_at) where status = 'held';
`;
