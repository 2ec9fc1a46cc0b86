import type { Actor, Hono, PluginContext } from '@kiban/sdk';
import type { Clock } from './clock.ts';
import { readConversation } from './console/reads.ts';
import type { Party } from './conversations/access.ts';
import { conversationFor } from './conversations/access.ts';
import { attachmentUrl, sendAttachment } from './conversations/attachments.ts';
import { closeConversation } from './conversations/close.ts';
import { markRead, requestPerson, send, typing } from './conversations/operations.ts';
import { startConversation } from './conversations/start.ts';
import { conversationView } from './conversations/view.ts';
import { contactCenterError } from './errors.ts';
import { type CallbackInput, requestCallback } from './hours/callbacks.ts';
import { serviceHoursNow } from './hours/store.ts';
import { afterParameter } from './routes.ts';
import * as schema from './schemas.ts';
import { readUpload } from './upload.ts';
import { validated } from './validate.ts';

export const TOKEN_HEADER = 'x-conversation-token';

/** The engine limits each client address to this many public requests a minute; sends are limited per conversation too. */
export const PUBLIC_RATE_LIMIT = { requests: 120, perSeconds: 60 };

async function jsonBody(request: Request): Promise<unknown> {
  return request.json().catch(() => {
    throw contactCenterError('invalidJson', 400, 'JSON として読めません。', 'The body is not JSON.');
  });
}

/**
 * Under `/api/public/contact-center`, for visitors who have not signed in: start a chat
 * (answered with the conversation's token, shown once), then send, catch up, type, read, ask
 * for a person, leave a callback request outside service hours, attach and end it with that
 * token in `X-Conversation-Token`; and read the service hours. Tier 1 answers
 * them as `anonymousAsker`, a resident principal without roles, so they find public knowledge only.
 */
export function publicRoutes(clock: Clock, anonymousAsker: () => Actor) {
  return (app: Hono, ctx: PluginContext): void => {
    const partyOf = (request: Request): Party => {
      const token = request.headers.get(TOKEN_HEADER);
      if (!token || token.length > 100)
        throw contactCenterError('notFound', 404, '会話が見つかりません。', 'No such conversation.');
      return { kind: 'anonymous', token };
    };
    app.post('/conversations', async (c) => {
      const input = validated<schema.StartInput>(schema.startSchema, await jsonBody(c.req.raw));
      const { conversation, token } = await startConversation(ctx, clock, { kind: 'anonymous', token: '' }, input);
      return c.json({ conversation: await conversationView(ctx, conversation), token }, 201);
    });
    app.get('/conversations/:id', async (c) =>
      c.json(await readConversation(ctx, partyOf(c.req.raw), c.req.param('id'), afterParameter(c.req.query('after')))),
    );
    app.post('/conversations/:id/messages', async (c) => {
      const input = validated<{ clientId: string; body: string }>(schema.sendSchema, {
        conversationId: c.req.param('id'),
        ...((await jsonBody(c.req.raw)) as object),
      });
      return c.json(
        await send(ctx, clock, partyOf(c.req.raw), { ...input, conversationId: c.req.param('id') }, anonymousAsker()),
      );
    });
    app.post('/conversations/:id/typing', async (c) => {
      const input = validated<{ typing: boolean }>(schema.typingSchema, {
        conversationId: c.req.param('id'),
        ...((await jsonBody(c.req.raw)) as object),
      });
      return c.json(await typing(ctx, partyOf(c.req.raw), c.req.param('id'), input.typing));
    });
    app.post('/conversations/:id/read', async (c) => {
      const input = validated<{ seq: number }>(schema.readSchema, {
        conversationId: c.req.param('id'),
        ...((await jsonBody(c.req.raw)) as object),
      });
      return c.json(await markRead(ctx, partyOf(c.req.raw), c.req.param('id'), input.seq));
    });
    app.post('/conversations/:id/person', async (c) => {
      const queued = await requestPerson(ctx, clock, partyOf(c.req.raw), c.req.param('id'), false);
      return c.json(await conversationView(ctx, queued));
    });
    app.post('/conversations/:id/attachments', async (c) => {
      const upload = await readUpload(c.req.raw);
      const party = partyOf(c.req.raw);
      return c.json(
        await sendAttachment(ctx, clock, party, anonymousAsker(), { conversationId: c.req.param('id'), ...upload }),
      );
    });
    app.get('/conversations/:id/attachments/:recordId', async (c) =>
      c.json(await attachmentUrl(ctx, partyOf(c.req.raw), c.req.param('id'), c.req.param('recordId'))),
    );
    app.get('/service-hours', async (c) => c.json(await serviceHoursNow(ctx, clock())));
    app.post('/conversations/:id/callback', async (c) => {
      const input = validated<CallbackInput>(schema.callbackSchema, {
        conversationId: c.req.param('id'),
        ...((await jsonBody(c.req.raw)) as object),
      });
      return c.json(await requestCallback(ctx, clock, partyOf(c.req.raw), input));
    });
    app.post('/conversations/:id/close', async (c) => {
      const party = partyOf(c.req.raw);
      const conversation = await conversationFor(ctx, party, c.req.param('id'));
      return c.json(
        await conversationView(ctx, await closeConversation(ctx, clock, conversation.id, { kind: 'system' })),
      );
    });
  };
}
