/**
 * Payments through the provider. An order moves `created → pending → fulfilled` (and on to
 * `refunded`); it is fulfilled by one conditional UPDATE in the transaction that records the
 * provider's event and issues what was bought, so a replayed webhook, a webhook retried after
 * a crash and the reconciliation job together complete it exactly once.
 */
export const ORDER_SCHEMA = `
create table payment_order (
  id uuid primary key default gen_random_uuid(),
  idempotency_key text not null unique,
  purpose text not null check (purpose in ('voucher', 'fee')),
  resident_id text not null,
  amount_yen integer not null check (amount_yen > 0),
  description text not null,
  reference jsonb not null default '{}',
  status text not null default 'created' check (status in ('created', 'pending', 'fulfilled', 'refunded')),
  provider text not null,
  session_id text unique,
  redirect_url text,
  payment_id text unique,
  refunded_yen integer not null default 0 check (refunded_yen >= 0 and refunded_yen <= amount_yen),
  fulfilment jsonb,
  fulfilled_at timestamptz,
  created_at timestamptz not null default now()
);
create index payment_order_resident on payment_order (resident_id, created_at desc);
create index payment_order_created on payment_order (created_at);

create table provider_event (
  event_id text primary key,
  type text not null,
  payment_id text,
  received_at timestamptz not null default now()
);

create table reconciliation_issue (
  id bigserial primary key,
  run_date date not null,
  kind text not null check (kind in ('unknownPayment', 'amountMismatch', 'refundMismatch', 'missingAtProvider', 'completedByReconciliation')),
  order_id uuid,
  payment_id text,
  details jsonb not null default '{}',
  created_at timestamptz not null default now(),
  unique nulls not distinct (run_date, kind, order_id, payment_id)
);
`;
