import type { DataApi, EventHandlerContribution, RecordData, RecordEventPayload } from '@kiban/sdk';
import { loadCampaign, SYSTEM } from './campaign-record.ts';
import { notifyRecordEntered } from './entering.ts';

const OWN_ENTITIES = new Set(['NotificationTemplate', 'NotificationCampaign', 'CatalogueBenefit', 'CommunityEvent']);
const PAGE = 200;

/**
 * "When a record enters segment X", decided on every record written: the published
 * `enters-segment` campaigns of its entity, page by page, are matched against that one record
 * at once; a record inside that was never seen inside before puts the campaign in its owner's
 * inbox (`entering.ts`: the baseline, once per record and per resident).
 */
export const entersSegmentHandler: EventHandlerContribution = {
  event: 'record.*',
  async handler(event, ctx) {
    const payload = event.payload as RecordEventPayload;
    if (event.type === 'record.deleted' || OWN_ENTITIES.has(payload.entity)) return;
    const data = ctx.data(SYSTEM);
    let owner: string | undefined;
    for await (const page of publishedEnteringCampaigns(data, payload.entity)) {
      if (owner === undefined) {
        const record = await data.get(payload.entity, payload.id);
        if (typeof record.owner !== 'string') return;
        owner = record.owner;
      }
      const campaigns = await Promise.all(page.map((row) => loadCampaign(data, String(row.id))));
      const matcher = await ctx.segments.matcher(
        payload.entity,
        campaigns.map((campaign) => campaign.segment),
      );
      const inside = await matcher.matches(payload.id);
      for (const [index, campaign] of campaigns.entries()) {
        if (inside[index]) await notifyRecordEntered(ctx, campaign, { id: payload.id, owner });
      }
    }
  },
};

/**
 * The published `enters-segment` campaigns (of one entity, or all), in pages of at most
 * `pageSize`, oldest first: a campaign published meanwhile comes last, after the pages read.
 */
export async function* publishedEnteringCampaigns(
  data: DataApi,
  entity?: string,
  pageSize = PAGE,
): AsyncGenerator<RecordData[]> {
  for (let offset = 0; ; offset += pageSize) {
    const page = await data.list('NotificationCampaign', {
      filter: {
        trigger: { eq: 'enters-segment' },
        status: { eq: 'published' },
        ...(entity ? { entity: { eq: entity } } : {}),
      },
      sort: 'createdAt,id',
      limit: pageSize,
      offset,
      fields: ['id', 'entity'],
    });
    if (page.length > 0) yield page;
    if (page.length < pageSize) return;
  }
}
