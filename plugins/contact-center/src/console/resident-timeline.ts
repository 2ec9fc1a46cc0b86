import type { RecordTimelineContribution } from '@kiban/sdk';
import { residentChatLines } from './resident-conversations.ts';

const CHAT = { ja: 'チャット', en: 'Chat' } as const;

/**
 * The resident's chats on the resident 360's timeline: the same read as the panel's (contact
 * centre staff, the conversations they may open, audited), one entry per conversation when it
 * began, titled by the resident's first message (the transcript and the conversation's state stay in the panel).
 */
export const residentChatTimeline: RecordTimelineContribution = {
  name: 'resident-chats',
  label: { ja: 'チャットの履歴', en: 'Chats' },
  entities: ['ResidentProfile'],
  async read(request, ctx) {
    if (!request.resident) return [];
    const lines = await residentChatLines(ctx, ctx.actor, request.resident);
    return lines.slice(0, request.limit).map((line) => ({
      id: line.id,
      at: line.createdAt,
      kind: 'chat',
      title: line.firstMessage
        ? `${CHAT[request.language]}: ${line.firstMessage}`.slice(0, 200)
        : CHAT[request.language],
    }));
  },
};
