import type { ActionContext, ActionContribution, RecordData } from '@kiban/sdk';
import { ENTITY, ROLE, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import { DISPATCH_JOB } from '../outbound/enqueue.ts';

/** The resident profile fields a system may ask for. */
export const SHAREABLE_ATTRIBUTES = [
  'fullName',
  'fullNameKana',
  'birthDate',
  'postalCode',
  'address',
  'ward',
  'phone',
  'email',
];

const CODE = { type: 'string', pattern: '^[a-z][a-z0-9-]{1,39}$' };

export async function systemByCode(ctx: ActionContext, code: string): Promise<RecordData> {
  const [system] = await ctx.data(SYSTEM).list(ENTITY.system, { filter: { code: { eq: code } }, limit: 1 });
  if (!system) throw crmError('system.notFound', 404, '連携先が見つかりません。', `No connected system ${code}.`);
  return system;
}

interface RegisterInput {
  code: string;
  name: string;
  endpoint?: string;
  events?: string[];
  attributes?: string[];
  identityClient?: string;
}

export const registerSystem: ActionContribution<RegisterInput, RecordData> = {
  name: 'registerSystem',
  label: { ja: '連携先を登録する', en: 'Register a connected system' },
  roles: [ROLE.integrationAdmin],
  input: {
    type: 'object',
    required: ['code', 'name'],
    additionalProperties: false,
    properties: {
      code: CODE,
      name: { type: 'string', minLength: 1, maxLength: 100 },
      endpoint: { type: 'string', pattern: '^https?://[^\\s]+$', maxLength: 500 },
      events: {
        type: 'array',
        maxItems: 100,
        uniqueItems: true,
        items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9.-]*\\*?$', maxLength: 200 },
      },
      attributes: { type: 'array', uniqueItems: true, items: { enum: SHAREABLE_ATTRIBUTES } },
      identityClient: { type: 'string', minLength: 1, maxLength: 100 },
    },
  },
  async handler(input, ctx) {
    const [taken] = await ctx.data(SYSTEM).list(ENTITY.system, { filter: { code: { eq: input.code } }, limit: 1 });
    if (taken)
      throw crmError('system.codeTaken', 409, 'このコードは使われています。', `The code ${input.code} is taken.`);
    return ctx.data(SYSTEM).create(ENTITY.system, {
      code: input.code,
      name: input.name,
      endpoint: input.endpoint ?? null,
      events: input.events ?? [],
      attributes: input.attributes ?? [],
      identityClient: input.identityClient ?? null,
      status: 'active',
    });
  },
};

export const enableSystem: ActionContribution<{ code: string }, RecordData> = {
  name: 'enableSystem',
  label: { ja: '連携先を再開する', en: 'Enable a connected system again' },
  roles: [ROLE.integrationAdmin],
  input: { type: 'object', required: ['code'], additionalProperties: false, properties: { code: CODE } },
  async handler({ code }, ctx) {
    const system = await systemByCode(ctx, code);
    return ctx.transaction(SYSTEM, async (data) => {
      const enabled = await data.update(ENTITY.system, String(system.id), {
        status: 'active',
        disabledReason: null,
        disabledAt: null,
      });
      await ctx.jobs.enqueue(
        DISPATCH_JOB,
        { systemId: String(system.id) },
        { key: `dispatch:${String(system.id)}:enable:${crypto.randomUUID()}` },
      );
      return enabled;
    });
  },
};

export const retryDelivery: ActionContribution<{ deliveryId: string }, { id: string; status: string }> = {
  name: 'retryDelivery',
  label: { ja: '配信不能の Webhook を再送する', en: 'Retry a dead-lettered webhook' },
  roles: [ROLE.integrationAdmin],
  input: {
    type: 'object',
    required: ['deliveryId'],
    additionalProperties: false,
    properties: { deliveryId: { type: 'string', format: 'uuid' } },
  },
  handler: ({ deliveryId }, ctx) =>
    ctx.transaction(SYSTEM, async () => {
      const { rows } = await ctx.sql.query<{ system_id: string }>(
        `update webhook_delivery set status = 'pending', attempts = 0, next_attempt_at = null
          where id = $1 and status in ('dead', 'gone') returning system_id`,
        [deliveryId],
      );
      const systemId = rows[0]?.system_id;
      if (!systemId) {
        throw crmError(
          'delivery.notDead',
          409,
          'この配信は再送できません。',
          'Only a dead-lettered delivery can be retried.',
        );
      }
      await ctx.audit({ actor: ctx.actor, action: 'crm.delivery.retried', details: { deliveryId, systemId } });
      await ctx.jobs.enqueue(DISPATCH_JOB, { systemId }, { key: `dispatch:${systemId}:manual:${crypto.randomUUID()}` });
      return { id: deliveryId, status: 'pending' };
    }),
};
