import type { RecordTimelineContribution } from '@kiban/sdk';
import { residentConversations } from './resident-conversations.ts';

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
    const { items } = await residentConversations(ctx, ctx.actor, request.resident);
    return items.slice(0, request.limit).map(({ conversation, transcript }) => {
      const first = transcript.find((message) => message.author.kind === 'resident')?.body;
      return {
        id: conversation.id,
        at: conversation.createdAt,
        kind: 'chat',
        title: first ? `${CHAT[request.language]}: ${first}`.slice(0, 200) : CHAT[request.language],
      };
    });
  },
};
