/**
 * The points ledger's tables. `transfer` and `posting` are the ledger itself: append-only
 * (triggers refuse UPDATE and DELETE) and balanced (a deferred constraint trigger refuses a
 * commit whose transfer's postings do not sum to zero or name an unknown account — one
 * set-based check per transfer, which is what makes a million-wallet grant affordable where
 * per-row foreign keys were not). `account.balance` is kept only for the
 * accounts that must never go below zero (wallets and campaign budgets) and is guarded by a
 * CHECK; every other account's balance is the sum of its postings, so a busy shop account is
 * never an updated row and never a lock. `lot` is the FIFO projection of a wallet's credits by
 * expiry date: changed only under the wallet's row lock.
 */
export const LEDGER_SCHEMA = `
create table account (
  id text primary key,
  kind text not null check (kind in ('issuance', 'campaign', 'wallet', 'shop', 'expired', 'settlement', 'exchange', 'adjustment')),
  balance bigint not null default 0,
  created_at timestamptz not null default now(),
  constraint guarded_balance_not_negative check (kind not in ('wallet', 'campaign') or balance >= 0)
);

create table transfer (
  id bigserial primary key,
  idempotency_key text not null unique,
  kind text not null check (kind in ('fund', 'grant', 'spend', 'expire', 'settle', 'adjust', 'exchange', 'refund')),
  request_hash text not null,
  details jsonb not null default '{}',
  created_at timestamptz not null default now()
);

create table posting (
  id bigserial primary key,
  transfer_id bigint not null,
  account_id text not null,
  amount bigint not null check (amount <> 0),
  created_at timestamptz not null default now()
);
create index posting_account on posting (account_id, id);
create index posting_transfer on posting (transfer_id);

create table lot (
  id bigserial primary key,
  account_id text not null,
  transfer_id bigint not null,
  amount bigint not null check (amount > 0),
  remaining bigint not null,
  expires_at timestamptz not null,
  constraint lot_remaining_in_range check (remaining >= 0 and remaining <= amount)
);
create index lot_open on lot (account_id, expires_at, id) where remaining > 0;

create function ledger_refuse_change() returns trigger language plpgsql set search_path from current as $$
begin
  raise exception 'the ledger is append-only: % on % refused', tg_op, tg_table_name using errcode = 'P0001';
end $$;
create trigger transfer_append_only before update or delete on transfer
  for each row execute function ledger_refuse_change();
create trigger posting_append_only before update or delete on posting
  for each row execute function ledger_refuse_change();

-- The check runs at commit, after the statement's search path was put back: it keeps its own.
create function ledger_check_balanced() returns trigger language plpgsql set search_path from current as $$
declare
  total numeric;
  lines bigint;
  strays bigint;
begin
  select coalesce(sum(amount), 0), count(*) into total, lines from posting where transfer_id = new.id;
  if lines < 2 or total <> 0 then
    raise exception 'transfer % is not balanced (% postings, sum %)', new.id, lines, total using errcode = 'P0001';
  end if;
  -- One set-based check per transfer instead of a foreign key check per posting.
  select count(*) into strays from posting p
  where p.transfer_id = new.id and not exists (select 1 from account a where a.id = p.account_id);
  if strays > 0 then
    raise exception 'transfer % moves points of % unknown account(s)', new.id, strays using errcode = 'P0001';
  end if;
  return null;
end $$;
create constraint trigger transfer_balanced after insert on transfer
  deferrable initially deferred for each row execute function ledger_check_balanced();

insert into account (id, kind) values ('issuance', 'issuance'), ('expired', 'expired'),
  ('settlement', 'settlement'), ('exchange', 'exchange'), ('adjustment', 'adjustment');
`;
