import type { EventHandlerContribution } from '@kiban/sdk';
import { isUuid } from './roles.ts';

interface NotifyPayload {
  entity: string;
  id: string;
  workflow: string;
  to: { kind: 'principal' | 'role' | 'department'; value: string };
  message: Record<string, string>;
}

/**
 * The engine's workflow `notify` action asks for a notification with `notification.requested`;
 * a message to a principal lands in their inbox, once per event. Messages to a role or a
 * department (staff work) are not delivered by this plugin: they are logged and skipped.
 */
export const workflowNotifyHandler: EventHandlerContribution = {
  event: 'notification.requested',
  async handler(event, ctx) {
    const payload = event.payload as NotifyPayload;
    if (payload.to?.kind !== 'principal' || !isUuid(payload.to.value)) {
      ctx.logger.info('notify to a role or department is left to the staff task lists', { to: payload.to?.kind });
      return;
    }
    const { rowCount } = await ctx.sql.query(
      `insert into inbox (recipient, category, message, source_event) values ($1, 'workflow', $2::jsonb, $3)
       on conflict (source_event) where source_event is not null do nothing`,
      [payload.to.value, JSON.stringify(payload.message), event.id],
    );
    if (rowCount === 1) {
      await ctx.realtime.emit('inbox', payload.to.value, 'inbox.changed', { workflow: payload.workflow });
    }
  },
};
