import type { Actor, PluginContext } from '@kiban/sdk';
import { actorKey } from '../concierge/conversations.ts';
import { contactCenterUnavailable, conversationNotFound, handoffResidentsOnly } from '../concierge/errors.ts';
import type { Language } from '../concierge/languages.ts';

/** The contact-center plugin, which takes a conversation over from the concierge when it runs. */
export const CONTACT_CENTER = 'contact-center';

/** The longest message the contact centre accepts. */
const MESSAGE_LIMIT = 4000;
const ANSWER_EXCERPT = 300;
const TRANSCRIPT_HEADING = 'AIコンシェルジュとの会話（住民の同意を得て共有。個人情報は伏せてあります）';

export interface HandoffInput {
  conversationId: string;
  /** The resident's consent to pass the conversation so far on to the person. */
  shareTranscript: boolean;
  language?: Language;
}

export interface HandoffResult {
  /** The conversation in the contact centre, where the resident continues with a person. */
  contactConversationId: string;
  transcriptShared: boolean;
  /** True when this concierge conversation had been handed off before: nothing was done again. */
  already: boolean;
}

interface TurnRow {
  masked_question: string;
  answer: string | null;
}

/**
 * Hands a resident's concierge conversation to the contact centre, as the resident: a new
 * contact-centre conversation queued for a person, and — only with the resident's consent —
 * one message carrying the transcript (the questions as stored, masked, and the concierge's
 * answers). Done once per conversation; audited with ids and counts, never the text.
 */
export async function handOffToPerson(ctx: PluginContext, actor: Actor, input: HandoffInput): Promise<HandoffResult> {
  if (actor.kind !== 'principal' || actor.principalKind !== 'resident') throw handoffResidentsOnly();
  const { rows } = await ctx.sql.query<{ handoff_conversation: string | null; transcript_shared: boolean | null }>(
    'SELECT handoff_conversation, transcript_shared FROM conversation WHERE id = $1 AND actor_key = $2 FOR UPDATE',
    [input.conversationId, actorKey(actor)],
  );
  const conversation = rows[0];
  if (!conversation) throw conversationNotFound();
  if (conversation.handoff_conversation)
    return {
      contactConversationId: conversation.handoff_conversation,
      transcriptShared: conversation.transcript_shared === true,
      already: true,
    };
  if (!ctx.plugins.has(CONTACT_CENTER)) throw contactCenterUnavailable();

  const language = input.language === 'ja-x-easy' ? 'ja-easy' : (input.language ?? 'ja');
  const started = await ctx.plugins.call<{ id: string }>(CONTACT_CENTER, 'start', { channel: 'chat', language }, actor);
  // Queued for a person first: a resident's message to a conversation still with the AI tier would be answered by the concierge again.
  await ctx.plugins.call(CONTACT_CENTER, 'requestPerson', { conversationId: started.id }, actor);
  let turns = 0;
  if (input.shareTranscript) {
    const transcript = await transcriptOf(ctx, input.conversationId);
    turns = transcript.turns;
    if (transcript.text) {
      await ctx.plugins.call(
        CONTACT_CENTER,
        'send',
        {
          conversationId: started.id,
          clientId: `concierge-${input.conversationId.replaceAll('-', '')}`,
          body: transcript.text,
        },
        actor,
      );
    }
  }
  await ctx.sql.query('UPDATE conversation SET handoff_conversation = $2, transcript_shared = $3 WHERE id = $1', [
    input.conversationId,
    started.id,
    input.shareTranscript,
  ]);
  await ctx.audit({
    actor,
    action: 'ai-concierge.handoff',
    details: {
      conversation: input.conversationId,
      contactConversation: started.id,
      transcriptShared: input.shareTranscript,
      turnsShared: turns,
    },
  });
  return { contactConversationId: started.id, transcriptShared: input.shareTranscript, already: false };
}

/** The latest turns that fit one contact-centre message, oldest first. */
async function transcriptOf(ctx: PluginContext, conversationId: string): Promise<{ text: string; turns: number }> {
  const { rows } = await ctx.sql.query<TurnRow>(
    'SELECT masked_question, answer FROM turn WHERE conversation_id = $1 ORDER BY id DESC LIMIT 50',
    [conversationId],
  );
  const kept: string[] = [];
  let length = TRANSCRIPT_HEADING.length;
  for (const turn of rows) {
    const answer = (turn.answer ?? '').slice(0, ANSWER_EXCERPT);
    const lines = `住民: ${turn.masked_question}\nコンシェルジュ: ${answer}${(turn.answer ?? '').length > ANSWER_EXCERPT ? '…' : ''}`;
    if (length + lines.length + 2 > MESSAGE_LIMIT) break;
    kept.unshift(lines);
    length += lines.length + 2;
  }
  return { text: kept.length > 0 ? [TRANSCRIPT_HEADING, ...kept].join('\n\n') : '', turns: kept.length };
}
