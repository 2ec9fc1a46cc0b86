import { PluginError } from '@kiban/sdk';
import { shopAccount } from '../ledger/accounts.ts';
import type { Sql } from '../storage/sql.ts';

export const SHOP_INPUT = {
  type: 'object',
  required: ['kind', 'name', 'address', 'contactEmail'],
  additionalProperties: false,
  properties: {
    kind: { enum: ['shop', 'facility'] },
    name: { type: 'string', minLength: 1, maxLength: 200 },
    address: { type: 'string', minLength: 1, maxLength: 300 },
    contactEmail: { type: 'string', format: 'email', maxLength: 200 },
  },
};

export interface ShopInput {
  kind: 'shop' | 'facility';
  name: string;
  address: string;
  contactEmail: string;
}

/** A shop or facility applies; it accepts nothing until staff approve it. */
export async function registerShop(sql: Sql, input: ShopInput, applicant: string): Promise<string> {
  const created = await sql.query<{ id: string }>(
    `insert into shop (kind, name, address, contact_email, applicant) values ($1, $2, $3, $4, $5) returning id`,
    [input.kind, input.name, input.address, input.contactEmail, applicant],
  );
  const id = String(created.rows[0]?.id);
  await sql.query('insert into shop_member (shop_id, principal_id) values ($1, $2)', [id, applicant]);
  return id;
}

/** Approves or rejects a pending application; approval opens the shop's ledger account. */
export async function decideShop(sql: Sql, id: string, decision: 'approve' | 'reject', decidedBy: string) {
  const status = decision === 'approve' ? 'approved' : 'rejected';
  const updated = await sql.query(
    `update shop set status = $2, decided_by = $3, decided_at = now() where id = $1 and status = 'pending' returning id`,
    [id, status, decidedBy],
  );
  if (updated.rowCount === 0) {
    const message = { ja: '審査待ちの登録申請がありません。', en: 'There is no pending application with this id.' };
    throw new PluginError('payments.noPendingShop', 409, message, [
      { pointer: '/shopId', code: 'payments.noPendingShop', message },
    ]);
  }
  if (decision === 'approve') {
    await sql.query(`insert into account (id, kind) values ($1, 'shop') on conflict do nothing`, [shopAccount(id)]);
  }
  return { status };
}

/** The approved shop `principalId` works for, if it is one of its members. */
export async function memberShop(sql: Sql, principalId: string, shopId: string): Promise<boolean> {
  const found = await sql.query(
    `select 1 from shop_member m join shop s on s.id = m.shop_id where m.principal_id = $1 and m.shop_id = $2 and s.status = 'approved'`,
    [principalId, shopId],
  );
  return found.rowCount > 0;
}
