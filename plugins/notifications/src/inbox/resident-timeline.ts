import type { RecordTimelineContribution } from '@kiban/sdk';
import { residentNotices } from './resident-notices.ts';

/**
 * The notices a resident was sent on the resident 360's timeline: the same read as the panel's
 * (notifications staff only, audited). The state is the resident's: read or not yet.
 */
const STATES = { read: { ja: '既読', en: 'Read' }, unread: { ja: '未読', en: 'Not read yet' } } as const;

export const residentNoticeTimeline: RecordTimelineContribution = {
  name: 'resident-notices',
  label: { ja: '送ったお知らせ', en: 'Notices sent' },
  entities: ['ResidentProfile'],
  async read(request, ctx) {
    if (!request.resident) return [];
    const notices = await residentNotices(ctx, ctx.actor, request.resident, request.language);
    return notices.slice(0, request.limit).map((notice) => ({
      id: notice.id,
      at: notice.createdAt,
      kind: 'notice',
      title: (notice.subject ?? notice.body).slice(0, 200),
      state: STATES[notice.readAt ? 'read' : 'unread'][request.language],
    }));
  },
};
