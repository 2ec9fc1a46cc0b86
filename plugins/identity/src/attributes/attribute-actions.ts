import { type ActionContribution, type Actor, PluginError } from '@kiban/sdk';
import { myNumberPseudonym } from '../pseudonym/my-number.ts';
import { PULLABLE_FIELD_NAMES, type PullableField } from './fields.ts';
import { pullAttributes } from './pull.ts';
import { SOURCE_IDS, type SourceId } from './sources.ts';

/**
 * `identity.pullAttributes {source, fields, consent: true}`: the resident's consented pull (an
 * unknown field or source is refused by the schema before anything runs).
 */
const pull: ActionContribution = {
  name: 'pullAttributes',
  label: { ja: '自分の情報を取得して登録', en: 'Pull my information into my profile' },
  input: {
    type: 'object',
    required: ['source', 'fields', 'consent'],
    additionalProperties: false,
    properties: {
      source: { enum: [...SOURCE_IDS] },
      fields: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: PULLABLE_FIELD_NAMES } },
      consent: { const: true },
    },
  },
  handler: async (input, ctx) => {
    const { source, fields } = input as { source: SourceId; fields: PullableField[] };
    return pullAttributes(ctx, personOf(ctx.actor), { source, fields });
  },
};

/**
 * `identity.linkResidentPseudonym {principalId, myNumber}` (role `identity-pseudonym`): keys a
 * resident to the replica by the pseudonym of their individual number. The number is turned
 * into the pseudonym at once and neither stored, logged nor audited.
 */
const linkPseudonym: ActionContribution = {
  name: 'linkResidentPseudonym',
  label: { ja: '住民と個人番号の仮名を関連付け', en: 'Link a resident to their number’s pseudonym' },
  input: {
    type: 'object',
    required: ['principalId', 'myNumber'],
    additionalProperties: false,
    properties: {
      principalId: { type: 'string', minLength: 1, maxLength: 64 },
      myNumber: { type: 'string', minLength: 12, maxLength: 20 },
    },
  },
  roles: ['identity-pseudonym'],
  handler: async (input, ctx) => {
    const { principalId, myNumber } = input as { principalId: string; myNumber: string };
    const pseudonym = myNumberPseudonym(ctx.config.pseudonymKey as string | undefined, myNumber);
    await ctx.transaction(ctx.actor, async () => {
      await ctx.sql.query(
        `insert into resident_pseudonym (principal_id, pseudonym, set_by) values ($1, $2, $3)
         on conflict (principal_id) do update set pseudonym = excluded.pseudonym, set_by = excluded.set_by, set_at = now()`,
        [principalId, pseudonym, ctx.actor.kind === 'principal' ? ctx.actor.id : 'system'],
      );
      await ctx.audit({ actor: ctx.actor, action: 'identity.pseudonym.linked', details: { principalId } });
    });
    return { linked: true };
  },
};

export const attributeActions = [pull, linkPseudonym];

export function personOf(actor: Actor): Actor & { kind: 'principal' } {
  if (actor.kind !== 'principal') {
    throw new PluginError('identity.personOnly', 403, {
      ja: '本人としてサインインしている場合だけ利用できます。',
      en: 'Only a person signed in as themselves can do this.',
    });
  }
  return actor;
}
