import type { PluginContext } from '@kiban/sdk';
import type { Campaign } from './campaign-record.ts';
import { isDeliveryChannel, planDeliveries } from './fan-out.ts';

/**
 * Who has entered an `enters-segment` campaign's segment, kept per record in `segment_entry`.
 *
 * A record enters the first time it is seen inside the segment after the campaign was
 * published — by a write (the record-event handler) or by the passing of days (the daily
 * pass). Records already inside at publishing are the baseline: they are written down then,
 * without a notice, so neither path treats them as entering later. A record that leaves and
 * comes back does not enter again, and a resident gets one notice per campaign whichever of
 * their records entered and however both paths overlap (the inbox's unique index).
 */

/** Writes down the records inside the segment now, with no notice; a second call adds nobody. */
export async function takeBaseline(ctx: PluginContext, campaign: Campaign): Promise<number> {
  const segment = await ctx.segments.select(campaign.entity, campaign.segment, {
    select: ['id', 'owner'],
    paramOffset: 2,
  });
  const { rowCount } = await ctx.sql.query(
    `with baseline as (
       insert into segment_entry (campaign_id, record_id, recipient, baseline)
       select $1::uuid, matched.id, matched.owner, true from (${segment.text}) as matched (id, owner)
       on conflict (campaign_id, record_id) do nothing
     )
     insert into entering_campaign (campaign_id) values ($1::uuid) on conflict (campaign_id) do nothing`,
    [campaign.id, ...segment.params],
  );
  return rowCount;
}

/** Whether the campaign's baseline was taken (campaigns published before it was kept have none). */
export async function hasBaseline(ctx: PluginContext, campaignId: string): Promise<boolean> {
  const { rowCount } = await ctx.sql.query('select 1 from entering_campaign where campaign_id = $1::uuid', [
    campaignId,
  ]);
  return rowCount > 0;
}

/**
 * The daily pass for one campaign, set-based: every record inside the segment today that was
 * never seen inside is written down, and its owner gets the campaign in the inbox — one
 * statement over the compiled segment, then the deliveries of the new entries.
 */
export async function notifyEntered(ctx: PluginContext, campaign: Campaign): Promise<number> {
  const segment = await ctx.segments.select(campaign.entity, campaign.segment, {
    select: ['id', 'owner'],
    paramOffset: 3,
  });
  const { rows } = await ctx.sql.query<{ id: string; recipient: string }>(
    `with entered as (
       insert into segment_entry (campaign_id, record_id, recipient)
       select $1::uuid, matched.id, matched.owner from (${segment.text}) as matched (id, owner)
       on conflict (campaign_id, record_id) do nothing
       returning recipient
     )
     insert into inbox (recipient, campaign_id, category)
     select distinct entered.recipient, $1::uuid, $2 from entered where entered.recipient is not null
     on conflict (campaign_id, recipient) where campaign_id is not null do nothing
     returning id::text, recipient::text`,
    [campaign.id, campaign.category, ...segment.params],
  );
  await deliverEntries(ctx, campaign, rows);
  return rows.length;
}

/** One record seen inside the segment on a record event: notified when it had not been seen before. */
export async function notifyRecordEntered(
  ctx: PluginContext,
  campaign: Campaign,
  record: { id: string; owner: string },
): Promise<boolean> {
  const { rows } = await ctx.sql.query<{ id: string; recipient: string }>(
    `with entered as (
       insert into segment_entry (campaign_id, record_id, recipient) values ($1::uuid, $2::uuid, $3::uuid)
       on conflict (campaign_id, record_id) do nothing
       returning recipient
     )
     insert into inbox (recipient, campaign_id, category)
     select entered.recipient, $1::uuid, $4 from entered
     on conflict (campaign_id, recipient) where campaign_id is not null do nothing
     returning id::text, recipient::text`,
    [campaign.id, record.id, record.owner, campaign.category],
  );
  await deliverEntries(ctx, campaign, rows);
  return rows.length > 0;
}

async function deliverEntries(
  ctx: PluginContext,
  campaign: Campaign,
  entries: { id: string; recipient: string }[],
): Promise<void> {
  if (entries.length === 0) return;
  const channels = campaign.channels.filter(isDeliveryChannel);
  await planDeliveries(ctx, { inboxIds: entries.map((entry) => entry.id) }, channels);
  for (const channel of channels) {
    await ctx.jobs.enqueue(
      'deliver',
      { channel },
      { key: `deliver-${channel}-entered-${campaign.id}-${entries[0]?.id}` },
    );
  }
  // Usually a few residents a day, each told in their own room; a crowd gets one message for all.
  if (entries.length > PERSONAL_BADGE_UPDATES) {
    await ctx.realtime.emit('inbox', 'all', 'inbox.changed', { campaignId: campaign.id });
    return;
  }
  for (const entry of entries) {
    await ctx.realtime.emit('inbox', entry.recipient, 'inbox.changed', { campaignId: campaign.id });
  }
}

const PERSONAL_BADGE_UPDATES = 100;
