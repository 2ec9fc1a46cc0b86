import type { ActionContribution } from '@kiban/sdk';
import { METHOD_OWNERS, sendVerificationLinks } from './account-verification.ts';

const ADMIN = ['identity-admin'];

/** `identity.sendAccountVerification {legacyIds}`: a one-time link to each unfinished imported account. */
const send: ActionContribution = {
  name: 'sendAccountVerification',
  label: { ja: '移行アカウントに確認メールを送る', en: 'Send imported accounts a verification link' },
  input: {
    type: 'object',
    required: ['legacyIds'],
    additionalProperties: false,
    properties: {
      legacyIds: {
        type: 'array',
        minItems: 1,
        maxItems: 500,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Za-z0-9_.-]{1,100}$' },
      },
    },
  },
  roles: ADMIN,
  handler: (input, ctx) => sendVerificationLinks(ctx, ctx.actor, (input as { legacyIds: string[] }).legacyIds),
};

/**
 * `identity.importedAccounts {}`: each imported account's state — `waiting` (nothing yet),
 * `linkSent` (a link that still works), `finished` by `email` or by a linked `method`.
 */
const status: ActionContribution = {
  name: 'importedAccounts',
  label: { ja: '移行アカウントの状況', en: 'Imported accounts and their state' },
  input: { type: 'object', additionalProperties: false, properties: {} },
  roles: ADMIN,
  handler: async (_input, ctx) => {
    const { rows } = await ctx.sql.query<{ legacy_id: string; principal_id: string; state: string }>(
      `select a.legacy_id, a.principal_id,
              case when a.email_verified_at is not null then 'email'
                   when exists (select 1 from (${METHOD_OWNERS}) m where m.principal_id = a.principal_id) then 'method'
                   when exists (select 1 from account_verification v
                                 where v.legacy_id = a.legacy_id and v.used_at is null and v.expires_at > now()) then 'linkSent'
                   else 'waiting' end as state
         from migrated_account a order by a.legacy_id`,
    );
    return {
      items: rows.map((row) => ({
        legacyId: row.legacy_id,
        principalId: row.principal_id,
        finished: row.state === 'email' || row.state === 'method',
        state: row.state,
      })),
    };
  },
};

export const finishActions = [send, status];
