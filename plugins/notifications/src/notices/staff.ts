import type { ActionContribution, Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { notFound, STAFF_ROLE, staffOf, uuidParam } from '../roles.ts';
import { issueNotice } from './notice-store.ts';

/** Staff issue an official notice to one resident (an application result, say). */
export const issueNoticeAction: ActionContribution<{
  recipient: string;
  category: string;
  title: string;
  body: string;
  idempotencyKey?: string;
}> = {
  name: 'issueNotice',
  label: { ja: '公式通知を発行する', en: 'Issue an official notice' },
  input: {
    type: 'object',
    required: ['recipient', 'category', 'title', 'body'],
    additionalProperties: false,
    properties: {
      recipient: { type: 'string', format: 'uuid' },
      category: { type: 'string', minLength: 1, maxLength: 50 },
      title: { type: 'string', minLength: 1, maxLength: 200 },
      body: { type: 'string', minLength: 1, maxLength: 20_000 },
      idempotencyKey: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  roles: [STAFF_ROLE],
  async handler(input, ctx) {
    const staff = staffOf(ctx.actor);
    return ctx.transaction(ctx.actor, async () => {
      const notice = await issueNotice(ctx, {
        ...input,
        issuer: `staff:${staff.id}`,
        idempotencyKey: input.idempotencyKey ? `staff:${input.idempotencyKey}` : undefined,
      });
      if (notice.created) {
        await ctx.audit({ actor: ctx.actor, action: 'notifications.noticeIssued', details: { noticeId: notice.id } });
      }
      return notice;
    });
  },
};

/**
 * Staff routes: `GET /notices/:id` (proof of issue and first opening), `GET /paper-work-list`
 * (notices to print and post) and `POST /paper-work-list/:id/done`.
 */
export function noticeStaffRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/notices/:id', async (c) => {
    const staff = staffOf(c.get('actor'));
    const { rows } = await ctx.sql.query(
      `select id, recipient, category, title, body, content_hash as "contentHash", issuer, channel,
              issued_at as "issuedAt", first_opened_at as "firstOpenedAt", escalation, escalated_at as "escalatedAt"
         from notice where id = $1`,
      [uuidParam(c.req.param('id'))],
    );
    if (!rows[0]) throw notFound();
    await ctx.audit({
      actor: staff,
      action: 'notifications.noticeRead',
      details: { noticeId: uuidParam(c.req.param('id')) },
    });
    return c.json(rows[0]);
  });
  app.get('/paper-work-list', async (c) => {
    staffOf(c.get('actor'));
    const { rows } = await ctx.sql.query(
      `select id, recipient, category, title, issued_at as "issuedAt", escalated_at as "flaggedAt"
         from notice where escalation = 'paper' and paper_done_at is null and first_opened_at is null
        order by escalated_at limit 500`,
    );
    return c.json({ items: rows });
  });
  app.post('/paper-work-list/:id/done', async (c) => {
    const staff = staffOf(c.get('actor'));
    const { rowCount } = await ctx.sql.query(
      `update notice set paper_done_at = now() where id = $1 and escalation = 'paper' and paper_done_at is null`,
      [uuidParam(c.req.param('id'))],
    );
    if (rowCount === 0) throw notFound();
    await ctx.audit({
      actor: staff,
      action: 'notifications.paperSent',
      details: { noticeId: uuidParam(c.req.param('id')) },
    });
    return c.json({ done: true });
  });
}
