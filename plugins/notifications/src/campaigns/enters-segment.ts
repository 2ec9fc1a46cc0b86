import type { EventHandlerContribution, PluginContext, RecordEventPayload } from '@kiban/sdk';
import { loadCampaign, SYSTEM } from './campaign-record.ts';
import { isDeliveryChannel, planDeliveries } from './fan-out.ts';

const OWN_ENTITIES = new Set(['NotificationTemplate', 'NotificationCampaign', 'CatalogueBenefit', 'CommunityEvent']);

/**
 * "When a record enters segment X": on every record written, the published `enters-segment`
 * campaigns of its entity are decided for that one record; a match puts the campaign in its
 * owner's inbox — once per resident per campaign, by the inbox's unique index, however often
 * the record changes or the event is redelivered.
 */
export const entersSegmentHandler: EventHandlerContribution = {
  event: 'record.*',
  async handler(event, ctx) {
    const payload = event.payload as RecordEventPayload;
    if (event.type === 'record.deleted' || OWN_ENTITIES.has(payload.entity)) return;
    const data = ctx.data(SYSTEM);
    const campaigns = await data.list('NotificationCampaign', {
      filter: { entity: { eq: payload.entity }, trigger: { eq: 'enters-segment' }, status: { eq: 'published' } },
      limit: 200,
    });
    if (campaigns.length === 0) return;
    const record = await data.get(payload.entity, payload.id);
    if (typeof record.owner !== 'string') return;
    for (const row of campaigns) {
      const campaign = await loadCampaign(data, String(row.id));
      if (!(await ctx.segments.matches(payload.entity, payload.id, campaign.segment))) continue;
      await deliverToOwner(
        ctx,
        campaign.id,
        campaign.category,
        record.owner,
        campaign.channels.filter(isDeliveryChannel),
      );
    }
  },
};

async function deliverToOwner(
  ctx: PluginContext,
  campaignId: string,
  category: string,
  owner: string,
  channels: Parameters<typeof planDeliveries>[2],
): Promise<void> {
  const { rows } = await ctx.sql.query<{ id: string }>(
    `insert into inbox (recipient, campaign_id, category) values ($1, $2, $3)
     on conflict (campaign_id, recipient) where campaign_id is not null do nothing
     returning id::text`,
    [owner, campaignId, category],
  );
  const entry = rows[0];
  if (!entry) return;
  await planDeliveries(ctx, { inboxId: entry.id }, channels);
  for (const channel of channels)
    await ctx.jobs.enqueue('deliver', { channel }, { key: `deliver-${channel}-entry-${entry.id}` });
  await ctx.realtime.emit('inbox', owner, 'inbox.changed', { campaignId });
}
