import { type ActionContribution, type Actor, PluginError } from '@kiban/sdk';
import {
  answer,
  cancelInvitation,
  FAMILY_SCOPES,
  invite,
  PROFILE_FIELDS,
  revokeLink,
  setProtection,
} from './family.ts';
import { familyPeople, GRANT_SCOPES, type GrantScope } from './family-grants.ts';

const id = { type: 'string', minLength: 1, maxLength: 100 };

function personOf(actor: Actor): Actor & { kind: 'principal' } {
  if (actor.kind !== 'principal' || actor.principalKind !== 'resident') {
    throw new PluginError('identity.residentsOnly', 403, {
      ja: '住民本人としてサインインしている場合だけ利用できます。',
      en: 'Only a resident signed in as themselves can do this.',
    });
  }
  return actor;
}

/** Family links (#4): invite, answer, cancel, revoke, who shares with me; and DV/stalking protection for authorised staff. */
export const familyActions: ActionContribution[] = [
  {
    name: 'familyInvite',
    label: { ja: '家族を招待', en: 'Invite a family member' },
    input: {
      type: 'object',
      required: ['username', 'scopes'],
      additionalProperties: false,
      properties: {
        username: { type: 'string', minLength: 1, maxLength: 254 },
        scopes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: [...FAMILY_SCOPES] } },
        profileFields: { type: 'array', uniqueItems: true, items: { enum: [...PROFILE_FIELDS] } },
      },
    },
    handler: (input, ctx) => {
      const { username, scopes, profileFields } = input as {
        username: string;
        scopes: string[];
        profileFields?: string[];
      };
      return invite(ctx, personOf(ctx.actor), username, scopes, profileFields);
    },
  },
  {
    // Whose notices the caller sees, or whom they may act for: the notifications plugin asks it.
    name: 'familyPeople',
    label: { ja: '共有している家族', en: 'Family members sharing with me' },
    input: {
      type: 'object',
      required: ['scope'],
      additionalProperties: false,
      properties: { scope: { enum: [...GRANT_SCOPES] } },
    },
    handler: async (input, ctx) => ({
      people: await familyPeople(ctx, personOf(ctx.actor), (input as { scope: GrantScope }).scope),
    }),
  },
  {
    name: 'familyAnswer',
    label: { ja: '招待に回答', en: 'Answer an invitation' },
    input: {
      type: 'object',
      required: ['invitationId', 'accept'],
      additionalProperties: false,
      properties: { invitationId: id, accept: { type: 'boolean' } },
    },
    handler: async (input, ctx) => {
      const { invitationId, accept } = input as { invitationId: string; accept: boolean };
      await answer(ctx, personOf(ctx.actor), invitationId, accept);
      return { answered: true };
    },
  },
  {
    name: 'familyCancel',
    label: { ja: '招待を取り消す', en: 'Cancel an invitation' },
    input: {
      type: 'object',
      required: ['invitationId'],
      additionalProperties: false,
      properties: { invitationId: id },
    },
    handler: async (input, ctx) => {
      await cancelInvitation(ctx, personOf(ctx.actor), (input as { invitationId: string }).invitationId);
      return { cancelled: true };
    },
  },
  {
    name: 'familyRevoke',
    label: { ja: '家族のつながりを解除', en: 'End a family link' },
    input: { type: 'object', required: ['linkId'], additionalProperties: false, properties: { linkId: id } },
    handler: async (input, ctx) => {
      await revokeLink(ctx, personOf(ctx.actor), (input as { linkId: string }).linkId);
      return { revoked: true };
    },
  },
  {
    name: 'setProtection',
    label: { ja: 'DV等支援措置の設定', en: 'Set DV/stalking protection' },
    input: {
      type: 'object',
      required: ['principalId', 'protected'],
      additionalProperties: false,
      properties: { principalId: id, protected: { type: 'boolean' } },
    },
    roles: ['identity-dv-officer'],
    handler: async (input, ctx) => {
      const { principalId, protected: on } = input as { principalId: string; protected: boolean };
      await setProtection(ctx, ctx.actor, principalId, on);
      return { protected: on };
    },
  },
];
