import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import type { Clock } from './clock.ts';
import { listCannedReplies, repliesFor } from './console/canned-replies.ts';
import { consoleState, readConversation } from './console/reads.ts';
import { residentConversations } from './console/resident-conversations.ts';
import { suggestionsFor } from './console/suggestions.ts';
import { listWrapUpCodes } from './console/wrap-up.ts';
import { conversationFor } from './conversations/access.ts';
import { attachmentUrl, sendAttachment } from './conversations/attachments.ts';
import { forbidden } from './errors.ts';
import { openCallbacks } from './hours/callbacks.ts';
import { serviceHoursNow } from './hours/store.ts';
import { computeKpis } from './kpis/kpis.ts';
import { periodReport, periodReportCsv, readPeriodReportQuery } from './kpis/period-report.ts';
import { isStaff, isSupervisor, STAFF_ROLES } from './roles.ts';
import { listQueues } from './routing/queues.ts';
import { readUpload } from './upload.ts';

/** Reads `?after=` as a message number; anything else is 0 (from the start). */
export function afterParameter(value: string | undefined): number {
  const after = Number(value ?? 0);
  return Number.isSafeInteger(after) && after >= 0 ? after : 0;
}

/**
 * Under `/api/plugins/contact-center`, for signed-in people: a conversation with the messages
 * after `?after=` (the catch-up), attachments, the console's state with its canned replies,
 * answer suggestions and wrap-up codes, the queues, the live KPIs, the daily and monthly
 * reports, and a resident's chats for the panel under resident profiles.
 */
export function contactCenterRoutes(clock: Clock) {
  return (app: Hono<PluginHttpEnv>, ctx: PluginContext): void => {
    app.get('/conversations/:id', async (c) => {
      const party = { kind: 'principal' as const, actor: c.get('actor') };
      return c.json(await readConversation(ctx, party, c.req.param('id'), afterParameter(c.req.query('after'))));
    });
    app.post('/conversations/:id/attachments', async (c) => {
      const actor = c.get('actor');
      const upload = await readUpload(c.req.raw);
      const ack = await sendAttachment(ctx, clock, { kind: 'principal', actor }, actor, {
        conversationId: c.req.param('id'),
        ...upload,
      });
      return c.json(ack);
    });
    app.get('/conversations/:id/attachments/:recordId', async (c) => {
      const party = { kind: 'principal' as const, actor: c.get('actor') };
      return c.json(await attachmentUrl(ctx, party, c.req.param('id'), c.req.param('recordId')));
    });
    app.get('/conversations/:id/canned-replies', async (c) => {
      const actor = c.get('actor');
      if (!isStaff(actor)) throw forbidden();
      const conversation = await conversationFor(ctx, { kind: 'principal', actor }, c.req.param('id'));
      return c.json({ replies: await repliesFor(ctx, actor, conversation, clock()) });
    });
    app.get('/conversations/:id/suggestions', async (c) => {
      const actor = c.get('actor');
      if (!isStaff(actor)) throw forbidden();
      const conversation = await conversationFor(ctx, { kind: 'principal', actor }, c.req.param('id'));
      return c.json(await suggestionsFor(ctx, actor, conversation));
    });
    app.get('/canned-replies', async (c) => {
      if (!isSupervisor(c.get('actor'))) throw forbidden();
      return c.json({ replies: await listCannedReplies(ctx) });
    });
    app.get('/wrap-up-codes', async (c) => {
      const actor = c.get('actor');
      if (!isStaff(actor)) throw forbidden();
      return c.json({ codes: await listWrapUpCodes(ctx, isSupervisor(actor)) });
    });
    app.get('/service-hours', async (c) => c.json(await serviceHoursNow(ctx, clock())));
    app.get('/callbacks', async (c) => {
      const actor = c.get('actor');
      if (!isStaff(actor)) throw forbidden();
      return c.json({ callbacks: await openCallbacks(ctx, actor) });
    });
    app.get('/console', async (c) => {
      const actor = c.get('actor');
      if (!isStaff(actor) || !STAFF_ROLES.some((role) => actor.roles.includes(role))) throw forbidden();
      return c.json(await consoleState(ctx, actor));
    });
    app.get('/queues', async (c) => {
      if (!isStaff(c.get('actor'))) throw forbidden();
      return c.json({ queues: await listQueues(ctx) });
    });
    app.get('/residents/:resident/conversations', async (c) =>
      c.json(await residentConversations(ctx, c.get('actor'), c.req.param('resident'))),
    );
    app.get('/kpis', async (c) => {
      if (!isSupervisor(c.get('actor'))) throw forbidden();
      return c.json(await computeKpis(ctx, clock()));
    });
    app.get('/reports', async (c) => {
      if (!isSupervisor(c.get('actor'))) throw forbidden();
      const query = readPeriodReportQuery(c.req.query());
      const rows = await periodReport(ctx, query);
      if (query.format === 'json') return c.json({ ...query, rows });
      return c.body(periodReportCsv(rows), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="contact-center-${query.by}-${query.from}-${query.to}.csv"`,
      });
    });
  };
}
