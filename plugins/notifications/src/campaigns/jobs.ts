import type { JobContribution } from '@kiban/sdk';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../channels/index.ts';
import { deliverDue } from '../delivery/deliver-job.ts';
import { nextWindow } from '../delivery/rate-limit.ts';
import { loadCampaign, SYSTEM } from './campaign-record.ts';
import { fanOut, isDeliveryChannel } from './fan-out.ts';

/**
 * The fan-out of a published campaign, in the job's transaction: inbox entries and planned
 * deliveries commit together with the campaign's `sent` status, or not at all and the job runs
 * again. Then one delivery job per chosen channel.
 */
export const fanOutJob: JobContribution<{ campaignId: string }> = {
  name: 'fanOut',
  maxAttempts: 10,
  async handler({ campaignId }, ctx) {
    const data = ctx.data(SYSTEM);
    const campaign = await loadCampaign(data, campaignId);
    if (campaign.status !== 'published') return;
    await data.update('NotificationCampaign', campaign.id, { status: 'sending' });
    const recipients = await fanOut(ctx, campaign);
    await ctx.sql.query(
      `insert into campaign_run (campaign_id, status, recipients, fanned_out_at) values ($1, 'delivering', $2, now())
       on conflict (campaign_id) do update set status = 'delivering', recipients = excluded.recipients, fanned_out_at = now()`,
      [campaign.id, recipients],
    );
    await data.update('NotificationCampaign', campaign.id, { status: 'sent' });
    for (const channel of campaign.channels.filter(isDeliveryChannel)) {
      await ctx.jobs.enqueue('deliver', { channel }, { key: `deliver-${channel}-${campaign.id}` });
    }
    // One message for everyone's badge: a million personal messages would flood the sockets.
    await ctx.realtime.emit('inbox', 'all', 'inbox.changed', { campaignId: campaign.id });
    ctx.logger.info('campaign fanned out', { campaignId: campaign.id, recipients });
  },
};

/**
 * Sends a batch of due messages of one channel (every channel when scheduled). When more are
 * due it enqueues its next run — at once, or at the next rate-limit window.
 */
export const deliverJob: JobContribution<{ channel?: DeliveryChannel } | undefined> = {
  name: 'deliver',
  every: '1m',
  async handler(payload, ctx) {
    const channels = payload?.channel ? [payload.channel] : DELIVERY_CHANNELS;
    for (const channel of channels) {
      const now = new Date();
      const run = await deliverDue(ctx, channel, now);
      if (run.more) {
        const at = run.sent + run.failed + run.retrying === 0 ? nextWindow(now) : now;
        await ctx.jobs.enqueue('deliver', { channel }, { at, key: `deliver-${channel}-${ctx.job.id}` });
      }
      if (run.retryAt) {
        await ctx.jobs.enqueue(
          'deliver',
          { channel },
          { at: run.retryAt, key: `deliver-${channel}-retry-${ctx.job.id}` },
        );
      }
    }
  },
};
