import type { JobContribution } from '@kiban/sdk';
import { loadCampaign, SYSTEM } from './campaign-record.ts';
import { hasBaseline, notifyEntered, takeBaseline } from './entering.ts';
import { publishedEnteringCampaigns } from './enters-segment.ts';

const cityDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * Shortly after midnight in the city, one pass job per published `enters-segment` campaign:
 * records that entered because the date changed (a child turning 3, nothing written) are only
 * found by evaluating the segment on the new day. Keyed by campaign and day, so a rerun of the
 * schedule the same day enqueues nothing again.
 */
export const entersSegmentDailyJob: JobContribution = {
  name: 'entersSegmentDaily',
  cron: '10 0 * * *',
  async handler(_payload, ctx) {
    const day = cityDay.format(new Date());
    let campaigns = 0;
    for await (const page of publishedEnteringCampaigns(ctx.data(SYSTEM))) {
      for (const row of page) {
        await ctx.jobs.enqueue(
          'entersSegmentPass',
          { campaignId: String(row.id) },
          {
            key: `enters-segment-${row.id}-${day}`,
          },
        );
      }
      campaigns += page.length;
    }
    ctx.logger.info('enters-segment passes enqueued', { day, campaigns });
  },
};

/**
 * One campaign's pass: the new entries and their inbox entries commit with the job's completion
 * (a failing pass is retried alone), and a rerun finds them written down and notifies nobody twice. A campaign published
 * before baselines were kept gets its baseline here instead, without notices.
 */
export const entersSegmentPassJob: JobContribution<{ campaignId: string }> = {
  name: 'entersSegmentPass',
  maxAttempts: 10,
  async handler({ campaignId }, ctx) {
    const campaign = await loadCampaign(ctx.data(SYSTEM), campaignId);
    if (campaign.status !== 'published' || campaign.trigger !== 'enters-segment') return;
    if (!(await hasBaseline(ctx, campaign.id))) {
      await takeBaseline(ctx, campaign);
      ctx.logger.info('enters-segment baseline taken on a pass', { campaignId: campaign.id });
      return;
    }
    const notified = await notifyEntered(ctx, campaign);
    ctx.logger.info('enters-segment pass', { campaignId: campaign.id, notified });
  },
};
