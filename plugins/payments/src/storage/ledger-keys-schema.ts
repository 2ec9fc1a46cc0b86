/**
 * Fewer index entries per ledger row, without losing a read: a million-wallet grant writes a
 * posting and a lot per wallet, and each index on them is one more entry (and WAL record) per
 * wallet.
 *
 * - `posting`: its primary key leads with `transfer_id`, so it also serves what the separate
 *   `posting_transfer` index served (the commit-time balance check, a replay's count). Nothing
 *   looks a posting up by `id` alone; a wallet's history reads `posting_account`.
 * - `lot`: its primary key is the FIFO order within a wallet (`account_id, expires_at, id`),
 *   which replaces both the key on `id` and the partial `lot_open` index. A spend and the
 *   expiry job find a lot by all three columns. `remaining` is in no index any more, so
 *   taking points from a lot is a HOT update.
 *
 * Existing rows keep their ids and satisfy both new keys (`id` was unique already). The keys
 * are built inside the migration's transaction, holding both tables' locks while they build:
 * on a large ledger, run it in a quiet hour.
 */
export const LEDGER_KEYS_SCHEMA = `
alter table posting drop constraint posting_pkey;
drop index posting_transfer;
alter table posting add constraint posting_pkey primary key (transfer_id, id);

alter table lot drop constraint lot_pkey;
drop index lot_open;
alter table lot add constraint lot_pkey primary key (account_id, expires_at, id);
`;
