import type { EventHandlerContribution, PluginContext } from '@kiban/sdk';
import { planDeliveries } from './campaigns/fan-out.ts';
import { DELIVERY_CHANNELS } from './channels/index.ts';
import { isUuid } from './roles.ts';

interface NotifyPayload {
  entity: string;
  id: string;
  workflow: string;
  to: { kind: 'principal' | 'role' | 'department'; value: string };
  message: Record<string, string>;
}

const CATEGORY = 'workflow';

/**
 * The engine's workflow `notify` action asks for a notification with `notification.requested`.
 * A message to a principal lands in their inbox; one to a role or a department in the inbox of
 * every enabled member of staff with that role or in that department — one `INSERT … SELECT`
 * over the engine's staff directory — and goes out by each one's channels (their contacts,
 * minus the `workflow` category switched off). Once per event and recipient, however often the
 * event is delivered.
 */
export const workflowNotifyHandler: EventHandlerContribution = {
  event: 'notification.requested',
  async handler(event, ctx) {
    const payload = event.payload as NotifyPayload;
    const to = payload.to;
    const recipients = await recipientsOf(ctx, to);
    if (!recipients) {
      ctx.logger.warn('workflow notify to no one it can name', { to: to?.kind, workflow: payload.workflow });
      return;
    }
    const { rows } = await ctx.sql.query<{ id: string; recipient: string }>(
      `insert into inbox (recipient, category, message, source_event)
       select recipient.id, $1, $2::jsonb, $3 from (${recipients.text}) as recipient (id)
       on conflict (source_event, recipient) where source_event is not null do nothing
       returning id::text, recipient::text`,
      [CATEGORY, JSON.stringify(payload.message), event.id, ...recipients.params],
    );
    if (rows.length === 0) return;
    await planDeliveries(ctx, { inboxIds: rows.map((row) => row.id) }, DELIVERY_CHANNELS);
    for (const channel of DELIVERY_CHANNELS)
      await ctx.jobs.enqueue('deliver', { channel }, { key: `deliver-${channel}-workflow-${event.id}` });
    for (const row of rows)
      await ctx.realtime.emit('inbox', row.recipient, 'inbox.changed', { workflow: payload.workflow });
  },
};

/** The recipients as a SELECT of principal ids, its placeholders from `$4`; undefined for a malformed `to`. */
async function recipientsOf(
  ctx: PluginContext,
  to: NotifyPayload['to'] | undefined,
): Promise<{ text: string; params: unknown[] } | undefined> {
  if (to?.kind === 'principal') return isUuid(to.value) ? { text: 'select $4::uuid', params: [to.value] } : undefined;
  if ((to?.kind !== 'role' && to?.kind !== 'department') || typeof to.value !== 'string' || to.value === '') {
    return undefined;
  }
  return ctx.directory.staffSelect({ [to.kind]: to.value, paramOffset: 4 });
}
