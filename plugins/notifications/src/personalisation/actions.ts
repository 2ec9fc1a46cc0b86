import type { ActionContribution } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { notFound, RESIDENT_ROLE, residentOf } from '../roles.ts';
import { recordSignal, setConsent } from './signals.ts';

/** Consent to personalised ranking; withdrawing it erases the recorded signals. */
export const setPersonalisation: ActionContribution<{ enabled: boolean }> = {
  name: 'setPersonalisation',
  label: { ja: 'おすすめの並べ替えに利用する', en: 'Personalise the order' },
  input: {
    type: 'object',
    required: ['enabled'],
    additionalProperties: false,
    properties: { enabled: { type: 'boolean' } },
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    await ctx.transaction(SYSTEM, () => setConsent(ctx.sql, resident.id, input.enabled));
    return { enabled: input.enabled };
  },
};

type SignalInput =
  | { kind: 'view' | 'dismiss'; itemKind: 'benefit' | 'event'; itemId: string }
  | { kind: 'search'; query: string };

/**
 * A click on, or dismissal of, a catalogue item, or a search: recorded only while the resident
 * consents (`recorded: false` otherwise — nothing is kept).
 */
export const recordSignalAction: ActionContribution<SignalInput> = {
  name: 'recordSignal',
  label: { ja: '操作の記録', en: 'Record a signal' },
  input: {
    type: 'object',
    oneOf: [
      {
        required: ['kind', 'itemKind', 'itemId'],
        additionalProperties: false,
        properties: {
          kind: { enum: ['view', 'dismiss'] },
          itemKind: { enum: ['benefit', 'event'] },
          itemId: { type: 'string', format: 'uuid' },
        },
      },
      {
        required: ['kind', 'query'],
        additionalProperties: false,
        properties: { kind: { const: 'search' }, query: { type: 'string', minLength: 1, maxLength: 200 } },
      },
    ],
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    if (input.kind === 'search') {
      const recorded = await recordSignal(ctx.sql, resident.id, {
        kind: 'search',
        itemId: null,
        itemTitle: null,
        category: null,
        query: input.query,
      });
      return { recorded };
    }
    const entity = input.itemKind === 'benefit' ? 'CatalogueBenefit' : 'CommunityEvent';
    const [item] = await ctx.data(SYSTEM).list(entity, { filter: { id: { eq: input.itemId } }, limit: 1 });
    if (!item) throw notFound();
    const recorded = await recordSignal(ctx.sql, resident.id, {
      kind: input.kind,
      itemId: input.itemId,
      itemTitle: String(item.title),
      category: (item.category as string | null) ?? null,
      query: null,
    });
    return { recorded };
  },
};

export const personalisationActions = [setPersonalisation, recordSignalAction];
