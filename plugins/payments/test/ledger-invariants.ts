import { type Sql, toNumber } from '../src/storage/sql.ts';

/** What must hold after any sequence of ledger operations; each answer lists what broke. */
export async function ledgerViolations(sql: Sql): Promise<string[]> {
  const problems: string[] = [];
  const total = await sql.query<{ sum: string }>('select coalesce(sum(amount), 0) as sum from posting');
  if (toNumber(total.rows[0]?.sum) !== 0) problems.push(`ledger sums to ${total.rows[0]?.sum}`);
  const unbalanced = await sql.query(
    'select transfer_id from posting group by transfer_id having sum(amount) <> 0 or count(*) < 2',
  );
  if (unbalanced.rowCount > 0) problems.push(`${unbalanced.rowCount} unbalanced transfers`);
  const guarded = await sql.query<{ id: string; balance: string; posted: string; lots: string | null }>(
    `select a.id, a.balance, coalesce((select sum(amount) from posting p where p.account_id = a.id), 0) as posted,
            (select sum(remaining) from lot l where l.account_id = a.id) as lots, a.kind
     from account a where a.kind in ('wallet', 'campaign')`,
  );
  for (const row of guarded.rows) {
    const balance = toNumber(row.balance);
    if (balance < 0) problems.push(`${row.id} is negative (${balance})`);
    if (balance !== toNumber(row.posted)) problems.push(`${row.id} balance ${balance} ≠ postings ${row.posted}`);
    if (row.id.startsWith('wallet:') && balance !== toNumber(row.lots)) {
      problems.push(`${row.id} balance ${balance} ≠ lots ${row.lots}`);
    }
  }
  return problems;
}

/** Points a campaign granted, net of nothing: grants only ever leave a budget. */
export async function grantedBy(sql: Sql, campaignAccountId: string): Promise<number> {
  const result = await sql.query<{ sum: string }>(
    `select coalesce(-sum(p.amount), 0) as sum from posting p join transfer t on t.id = p.transfer_id
     where p.account_id = $1 and t.kind = 'grant'`,
    [campaignAccountId],
  );
  return toNumber(result.rows[0]?.sum);
}
