import type { PluginContext } from '@kiban/sdk';
import { closed } from '../errors.ts';
import { type AuthorKind, SYSTEM } from '../roles.ts';
import type { TranslationView } from '../translation/message-translation.ts';
import { emitToConversation } from './live.ts';
import { type AttachmentView, MESSAGE_COLUMNS, type MessageRow, type MessageView, messageView } from './rows.ts';
import { lockConversation } from './store.ts';

export interface NewMessage {
  /** The sender's own id for this message: sending it again (after a lost answer) changes nothing. */
  clientId: string;
  body: string;
  attachment?: AttachmentView;
  /** The language `body` is written in. */
  language?: string | null;
  /** The translation for the other side, made before the conversation is locked (see `appendTranslated`). */
  translation?: TranslationView | null;
}

export interface Author {
  kind: AuthorKind;
  id: string | null;
  name: string | null;
}

export interface Acknowledgement {
  message: MessageView;
  /** True when this client id was already stored: the earlier message is answered, nothing new is written. */
  duplicate: boolean;
}

const STAFF_AUTHORS: AuthorKind[] = ['operator', 'department'];

/**
 * Appends one message under the conversation's row lock: its number is the next one, so the
 * numbers are the order every client shows, without gaps; a client id already stored answers
 * the stored message. The realtime notice goes out when the transaction commits. The first
 * staff message sets the first-response time — `at`, the centre's clock, like every time the
 * SLA timers compare with it.
 */
export function appendMessage(
  ctx: PluginContext,
  conversationId: string,
  author: Author,
  input: NewMessage,
  at: Date,
): Promise<Acknowledgement> {
  return ctx.transaction(SYSTEM, async () => {
    const conversation = await lockConversation(ctx, conversationId);
    const existing = await ctx.sql.query<MessageRow>(
      `select ${MESSAGE_COLUMNS} from message m where m.conversation_id = $1 and m.client_id = $2`,
      [conversationId, input.clientId],
    );
    const stored = existing.rows[0];
    if (stored) return { message: messageView(stored), duplicate: true };
    if (conversation.status === 'closed' || conversation.status === 'abandoned') throw closed();
    const staffAnswer = STAFF_AUTHORS.includes(author.kind);
    // The next-response timer runs from the resident's first unanswered message after the
    // first response until staff answer it; an answer re-arms it for the next stretch. Numbering
    // and storing are one statement: one round trip fewer while the row lock is held.
    const inserted = await ctx.sql.query<MessageRow>(
      `with numbered as (
         update conversation set last_seq = last_seq + 1,
           first_response_at = case when $2::boolean and first_response_at is null then $11::timestamptz else first_response_at end,
           awaiting_reply_since = case
             when $2::boolean then null
             when $3::boolean and status = 'assigned' and first_response_at is not null and awaiting_reply_since is null then $11::timestamptz
             else awaiting_reply_since end,
           next_response_breached_at = case when $2::boolean then null else next_response_breached_at end
         where id = $1 returning last_seq)
       insert into message (conversation_id, seq, client_id, author_kind, author_id, author_name, body, attachment, language)
       select $1, numbered.last_seq, $4::text, $5::text, $6::text, $7::text, $8::text, $9::jsonb, $10::text
       from numbered returning *`,
      [
        conversationId,
        staffAnswer,
        author.kind === 'resident',
        input.clientId,
        author.kind,
        author.id,
        author.name,
        input.body,
        input.attachment ? JSON.stringify(input.attachment) : null,
        input.language ?? null,
        at,
      ],
    );
    const row = inserted.rows[0];
    if (!row) throw new Error('the message was not stored');
    const translation = input.translation;
    if (translation) {
      await ctx.sql.query(
        `insert into message_translation (message_id, language, status, body, adapter, model, failure)
         values ($1, $2, $3, $4, $5, $6, $7)`,
        [
          row.id,
          translation.language,
          translation.status,
          translation.body,
          translation.adapter,
          translation.model,
          translation.failure,
        ],
      );
    }
    const message = messageView({ ...row, translations: translation ? [translation] : [] });
    await emitToConversation(ctx, conversationId, 'message', message);
    return { message, duplicate: false };
  });
}
