import type { ActionContribution, RecordData } from '@kiban/sdk';
import { ENTITY, ROLE, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import { systemByCode } from './system-actions.ts';

/**
 * A resident grants or withdraws consent for one connected system. The grant is the CRM's own
 * record (one per resident and system), and each change is in the audit trail as the resident's
 * (`crm.consent.granted` / `crm.consent.withdrawn`). Where the identity plugin runs, its consent
 * screen is where residents decide (outbound/consent.ts): a grant here would count for nothing,
 * so it is refused rather than silently kept.
 */
export const setConsent: ActionContribution<{ system: string; granted: boolean }, RecordData> = {
  name: 'setConsent',
  label: { ja: '連携先への同意を変更する', en: 'Grant or withdraw consent to a connected system' },
  roles: [ROLE.resident],
  input: {
    type: 'object',
    required: ['system', 'granted'],
    additionalProperties: false,
    properties: { system: { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' }, granted: { type: 'boolean' } },
  },
  async handler({ system: code, granted }, ctx) {
    const actor = ctx.actor;
    if (actor.kind !== 'principal' || actor.principalKind !== 'resident') {
      throw crmError(
        'consent.residentsOnly',
        403,
        '本人だけが同意を変更できます。',
        'Only the resident can change their consent.',
      );
    }
    if (ctx.plugins.has('identity')) {
      throw crmError(
        'consent.managedByIdentity',
        409,
        '連携先への同意は ID 連携の同意画面で変更してください。',
        'Consent to connected systems is given and withdrawn in the common ID’s consent screen.',
      );
    }
    const system = await systemByCode(ctx, code);
    return ctx.transaction(SYSTEM, async (data) => {
      const [current] = await data.list(ENTITY.consent, {
        filter: { resident: { eq: actor.id }, system: { eq: String(system.id) } },
        limit: 1,
      });
      const values = { granted, changedAt: new Date().toISOString() };
      const consent = current
        ? await data.update(ENTITY.consent, String(current.id), values)
        : await data.create(ENTITY.consent, {
            ...values,
            resident: actor.id,
            system: String(system.id),
            owner: actor.id,
          });
      await ctx.audit({
        actor,
        action: granted ? 'crm.consent.granted' : 'crm.consent.withdrawn',
        entity: ENTITY.consent,
        recordId: String(consent.id),
        details: { system: code },
      });
      return consent;
    });
  },
};
