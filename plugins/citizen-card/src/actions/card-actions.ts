import type { ActionContribution } from '@kiban/sdk';
import type { JWK } from 'jose';
import { issueCard } from '../credential/issue.ts';
import { revokeCard } from '../credential/revoke.ts';
import { rotateKey } from '../keys/signing-keys.ts';
import { type ResidentInput, recordResident } from '../register/register.ts';
import { callerOf, KEY_ADMIN_ROLE, REGISTRAR_ROLE } from '../roles.ts';
import { HOLDER_JWK, ID, RESIDENT_RECORD } from './schemas.ts';

/** Issuing, revoking and re-keying cards; keeping the register they are issued from. */
export const cardActions: ActionContribution[] = [
  {
    name: 'issue',
    label: { ja: '市民カードを発行', en: 'Issue my citizen card' },
    // Only a session opened with public authentication (公的個人認証) proves who the holder is.
    assurance: 'jpki',
    input: {
      type: 'object',
      required: ['holderKey'],
      additionalProperties: false,
      properties: { holderKey: HOLDER_JWK },
    },
    handler: (input, ctx) => {
      const { holderKey } = input as { holderKey: JWK };
      const { kty, crv, x, y } = holderKey;
      return issueCard(ctx, callerOf(ctx.actor), { kty, crv, x, y }, new Date());
    },
  },
  {
    name: 'reportLost',
    label: { ja: 'カードの紛失を届け出る', en: 'Report my card lost' },
    input: { type: 'object', additionalProperties: false, properties: {} },
    handler: (_input, ctx) => revokeCard(ctx, ctx.actor, callerOf(ctx.actor).id, 'lost'),
  },
  {
    name: 'revoke',
    label: { ja: '市民カードを失効させる', en: 'Revoke a citizen card' },
    roles: [REGISTRAR_ROLE],
    input: {
      type: 'object',
      required: ['principalId'],
      additionalProperties: false,
      properties: { principalId: ID },
    },
    handler: (input, ctx) => revokeCard(ctx, ctx.actor, (input as { principalId: string }).principalId, 'staff'),
  },
  {
    name: 'recordResident',
    label: { ja: '住民記録を反映', en: 'Record a resident register entry' },
    roles: [REGISTRAR_ROLE],
    input: RESIDENT_RECORD,
    handler: (input, ctx) => recordResident(ctx, ctx.actor, input as ResidentInput),
  },
  {
    name: 'rotateKey',
    label: { ja: '署名鍵を更新', en: 'Rotate the signing key' },
    roles: [KEY_ADMIN_ROLE],
    input: { type: 'object', additionalProperties: false, properties: {} },
    handler: (_input, ctx) => rotateKey(ctx, ctx.actor),
  },
];
