import { type ActionContribution, type PluginContext, PluginError } from '@kiban/sdk';
import { STAFF_ROLE } from '../roles.ts';
import { type Campaign, checkPublishable, loadCampaign, SYSTEM } from './campaign-record.ts';
import { takeBaseline } from './entering.ts';
import { render, TemplateValueError, textFor } from './template.ts';

const campaignInput = {
  type: 'object',
  required: ['campaignId'],
  additionalProperties: false,
  properties: { campaignId: { type: 'string', format: 'uuid' } },
};

/** The segment compiled to SQL; one that does not compile is refused 422 `segment.invalid` by the engine. */
function compiledSegment(ctx: PluginContext, campaign: Campaign) {
  return ctx.segments.select(campaign.entity, campaign.segment, { select: 'owner' });
}

/** How many residents a campaign reaches and what the first few would read, before it is sent. */
export const previewCampaign: ActionContribution<{ campaignId: string; language?: string }> = {
  name: 'previewCampaign',
  label: { ja: '配信対象の件数と見本', en: 'Preview a campaign' },
  input: {
    ...campaignInput,
    properties: { ...campaignInput.properties, language: { type: 'string', maxLength: 10 } },
  },
  roles: [STAFF_ROLE],
  async handler(input, ctx) {
    const data = ctx.data(ctx.actor);
    const campaign = await loadCampaign(data, input.campaignId);
    const segment = await compiledSegment(ctx, campaign);
    const { rows } = await ctx.sql.query<{ recipients: string }>(
      `select count(distinct matched.owner) as recipients from (${segment.text}) as matched (owner) where matched.owner is not null`,
      segment.params,
    );
    // Staff see a sample of what residents will read, as the system reads their records.
    const matching = await ctx.segments.select(campaign.entity, campaign.segment);
    const sampleIds = await ctx.sql.query<{ id: string }>(
      `select matched.id::text as id from (${matching.text}) as matched (id) limit 5`,
      matching.params,
    );
    const system = ctx.data(SYSTEM);
    const sampleRecords = await Promise.all(sampleIds.rows.map((row) => system.get(campaign.entity, row.id)));
    const language = input.language ?? 'ja';
    const text = textFor(campaign.content, 'inbox', language);
    const sample = [];
    for (const record of sampleRecords) {
      const values = { ...campaign.values, ...record };
      try {
        sample.push({
          recordId: record.id,
          subject: text?.subject ? render(text.subject, values, language) : null,
          body: text ? render(text.body, values, language) : null,
        });
      } catch (error) {
        if (!(error instanceof TemplateValueError)) throw error;
        sample.push({ recordId: record.id, problem: error.message });
      }
    }
    await ctx.audit({
      actor: ctx.actor,
      action: 'notifications.campaignPreviewed',
      entity: campaign.entity,
      details: { campaignId: campaign.id, sampleRecordIds: sampleIds.rows.map((row) => row.id) },
    });
    return { recipients: Number(rows[0]?.recipients ?? 0), sample };
  },
};

/**
 * Publishes a campaign once its template and segment hold: a manual one is scheduled for its
 * `scheduledAt` (now when absent), an `enters-segment` one takes its baseline and from then on
 * notifies the records that enter, on record events and in the daily pass.
 */
export const publishCampaign: ActionContribution<{ campaignId: string }> = {
  name: 'publishCampaign',
  label: { ja: '配信を確定する', en: 'Publish a campaign' },
  input: campaignInput,
  roles: [STAFF_ROLE],
  async handler(input, ctx) {
    return ctx.transaction(ctx.actor, async (data) => {
      const record = await data.get('NotificationCampaign', input.campaignId, { forUpdate: true });
      if (record.status !== 'draft') {
        throw new PluginError('notifications.notDraft', 409, {
          ja: '下書きの配信だけを確定できます。',
          en: 'Only a draft campaign can be published.',
        });
      }
      const campaign = await loadCampaign(data, input.campaignId);
      // The staff member may not read the target entity; whether a field exists is asked as the system.
      await checkPublishable(ctx.data(SYSTEM), campaign);
      await compiledSegment(ctx, campaign);
      await data.update('NotificationCampaign', campaign.id, { status: 'published' });
      if (campaign.trigger === 'manual') {
        const at = campaign.scheduledAt ? new Date(campaign.scheduledAt) : undefined;
        await ctx.jobs.enqueue('fanOut', { campaignId: campaign.id }, { at, key: `fan-out-${campaign.id}` });
      } else {
        // Records inside already are the baseline, not entrants: written down, never notified.
        await takeBaseline(ctx, campaign);
      }
      await ctx.audit({
        actor: ctx.actor,
        action: 'notifications.campaignPublished',
        entity: 'NotificationCampaign',
        recordId: campaign.id,
      });
      return { campaignId: campaign.id, status: 'published', scheduledAt: campaign.scheduledAt };
    });
  },
};
