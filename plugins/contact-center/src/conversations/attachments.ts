import type { Actor, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { contactCenterError } from '../errors.ts';
import { SYSTEM } from '../roles.ts';
import { conversationFor, type Party } from './access.ts';
import type { Acknowledgement } from './messages.ts';
import { send } from './operations.ts';

export const ATTACHMENT_ENTITY = 'ChatAttachment';
const FIELD = 'file';

/**
 * A file sent in a conversation: kept by the files service on a `ChatAttachment` record (its
 * size cap and accepted types are the field's; the type is detected from the bytes), then
 * announced as a message carrying its description. Only the conversation's parties read it.
 */
export async function sendAttachment(
  ctx: PluginContext,
  clock: Clock,
  party: Party,
  asker: Actor,
  input: { conversationId: string; clientId: string; name: string; content: Uint8Array },
): Promise<Acknowledgement> {
  const conversation = await conversationFor(ctx, party, input.conversationId);
  const record = await ctx.data(SYSTEM).create(ATTACHMENT_ENTITY, { conversation: conversation.id, name: input.name });
  const file = await ctx.files(SYSTEM).attach(ATTACHMENT_ENTITY, String(record.id), FIELD, {
    name: input.name,
    content: input.content,
  });
  const attachment = { recordId: String(record.id), name: file.name, contentType: file.contentType, size: file.size };
  return send(
    ctx,
    clock,
    party,
    { conversationId: conversation.id, clientId: input.clientId, body: `📎 ${file.name}`, attachment },
    asker,
  );
}

/** A short-lived download URL for an attachment of a conversation the party takes part in. */
export async function attachmentUrl(ctx: PluginContext, party: Party, conversationId: string, recordId: string) {
  const conversation = await conversationFor(ctx, party, conversationId);
  const record = await ctx
    .data(SYSTEM)
    .get(ATTACHMENT_ENTITY, recordId)
    .catch(() => null);
  if (!record || record.conversation !== conversation.id)
    throw contactCenterError('attachmentNotFound', 404, '添付ファイルが見つかりません。', 'No such attachment.');
  return ctx.files(SYSTEM).signedUrl(ATTACHMENT_ENTITY, recordId, FIELD);
}
