/**
 * The expiry job finds the lots due by `expires_at` across all wallets; since 008 the only
 * index on `lot` leads with `account_id`, so it scanned the table. A partial index of the
 * open lots by expiry is small (spent and expired lots leave it) and gives the job the due
 * ones directly. Its cost: `remaining` is in its predicate, so taking points from a lot is no
 * longer a HOT update, and a grant writes one more index entry per wallet.
 */
export const LOT_DUE_SCHEMA = `
create index lot_due on lot (expires_at) where remaining > 0;
`;
