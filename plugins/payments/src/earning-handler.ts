import type { Actor, EventHandlerContribution, RecordEventPayload } from '@kiban/sdk';
import { earn, rulesFor } from './campaigns/earning.ts';

const SYSTEM: Actor = { kind: 'system' };

/**
 * Earning rules triggered by record events — a procedure completed, an event attended, a survey
 * answered are records created or updated: when the record matches the rule's condition after
 * the write, its owner earns the rule's points. The event id is in the grant's key.
 */
export const earningHandlers: EventHandlerContribution[] = [
  {
    event: 'record.*',
    async handler(event, ctx) {
      const payload = event.payload as RecordEventPayload;
      if (event.type === 'record.deleted' || !event.entity) return;
      const rules = await rulesFor(ctx.sql, event.type, event.entity);
      if (rules.length === 0) return;
      const record = await ctx
        .data(SYSTEM)
        .get(event.entity, payload.id)
        .catch((error: { code?: string }) => {
          // Deleted since the event: nobody to earn anything.
          if (error.code === 'record.notFound') return null;
          throw error;
        });
      const owner = typeof record?.owner === 'string' ? record.owner : null;
      if (!owner) return;
      for (const rule of rules) {
        if (rule.condition && !(await ctx.segments.matches(event.entity, payload.id, rule.condition))) continue;
        const outcome = await earn(ctx.sql, rule, { eventId: event.id, residentId: owner, now: new Date(event.at) });
        ctx.logger.info('earning rule applied', { ruleId: rule.id, outcome });
      }
    },
  },
];
