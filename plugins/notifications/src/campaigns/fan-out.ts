import type { PluginContext } from '@kiban/sdk';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../channels/index.ts';
import type { Campaign } from './campaign-record.ts';

/**
 * Puts a campaign into the inbox of every resident its segment selects — one `INSERT … SELECT`
 * over the compiled segment, never a loop — and plans the channel deliveries the same way.
 * Runs inside the fan-out job's transaction: a crash leaves nothing half-inserted, and the
 * unique (campaign, recipient) index makes a repeated run insert nobody twice.
 */
export async function fanOut(ctx: PluginContext, campaign: Campaign): Promise<number> {
  const segment = await ctx.segments.select(campaign.entity, campaign.segment, { select: 'owner' });
  const offset = segment.params.length;
  const inserted = await ctx.sql.query(
    // A resident owning several matching records conflicts with their own first row: kept once.
    // In recipient order, the two indexes on the recipient are filled page after page instead
    // of at random pages all over them (the bench's fan-out / floor ratio is the check).
    `insert into inbox (recipient, campaign_id, category)
     select matched.owner, $${offset + 1}::uuid, $${offset + 2}
       from (${segment.text}) as matched (owner)
      where matched.owner is not null
      order by matched.owner
     on conflict (campaign_id, recipient) where campaign_id is not null do nothing`,
    [...segment.params, campaign.id, campaign.category],
  );
  await planDeliveries(ctx, { campaignId: campaign.id }, campaign.channels.filter(isDeliveryChannel));
  return inserted.rowCount;
}

export function isDeliveryChannel(channel: string): channel is DeliveryChannel {
  return (DELIVERY_CHANNELS as string[]).includes(channel);
}

/**
 * One delivery per inbox entry and chosen channel where the resident has an address for it and
 * has not switched the category off for it. Official notices (`notice`) ignore the switch:
 * they cannot be turned off, only routed.
 */
export async function planDeliveries(
  ctx: PluginContext,
  of: { campaignId: string } | { inboxId: string } | { inboxIds: string[] },
  channels: DeliveryChannel[],
  options: { official?: boolean } = {},
): Promise<number> {
  if (channels.length === 0) return 0;
  const where = 'campaignId' in of ? 'entry.campaign_id = $1::uuid' : 'entry.id = any($1::bigint[])';
  const key = 'campaignId' in of ? of.campaignId : 'inboxId' in of ? [of.inboxId] : of.inboxIds;
  if (Array.isArray(key) && key.length === 0) return 0;
  const preference = options.official
    ? ''
    : `and not exists (select 1 from preference p where p.recipient = entry.recipient
         and p.category = entry.category and p.channel = contact.channel and not p.enabled)`;
  const planned = await ctx.sql.query(
    `insert into delivery (inbox_id, channel, address)
     select entry.id, contact.channel, contact.address
       from inbox entry
       join contact on contact.recipient = entry.recipient and contact.channel = any($2::text[])
      where ${where} ${preference}
     on conflict (inbox_id, channel) do nothing`,
    [key, channels],
  );
  return planned.rowCount;
}
