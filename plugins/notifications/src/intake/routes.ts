import type { Hono, PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { checkEligibilityRule } from '../catalogue/rule-check.ts';
import { issueNotice } from '../notices/notice-store.ts';
import { validCatalogueItem, validNotice } from './schemas.ts';
import { refuse, signedJson } from './signed-json.ts';

/**
 * Intake from other systems, HMAC-signed: official notices (the same idempotency key twice is
 * one notice) and catalogue items from a CMS (upserted by the CMS's own id).
 */
export function intakeRoutes(app: Hono, ctx: PluginContext): void {
  app.post('/intake/notices', async (c) => {
    const { body, key } = await signedJson(c, ctx, validNotice);
    const notice = await ctx.transaction(SYSTEM, async () => {
      const issued = await issueNotice(ctx, { ...body, idempotencyKey: `${body.issuer}:${key}` });
      if (issued.created) {
        await ctx.audit({
          actor: SYSTEM,
          action: 'notifications.noticeIssued',
          details: { noticeId: issued.id, issuer: body.issuer },
        });
      }
      return issued;
    });
    return c.json({ notice }, notice.created ? 201 : 200);
  });

  app.post('/intake/catalogue', async (c) => {
    const { body } = await signedJson(c, ctx, validCatalogueItem);
    const entity = body.kind === 'benefit' ? 'CatalogueBenefit' : 'CommunityEvent';
    const periodFields = body.kind === 'benefit' ? ['startsAt', 'endsAt'] : ['periodStart', 'periodEnd'];
    const misplaced = periodFields.filter((field) => field in body.fields);
    if (misplaced.length > 0) {
      throw refuse(
        'invalidBody',
        422,
        '内容が正しくありません。',
        'The body is not valid.',
        misplaced.map((field) => ({
          pointer: `/fields/${field}`,
          code: 'notifications.fieldNotOfKind',
          message: { ja: `${field} は ${body.kind} にはありません`, en: `${field} is not a field of a ${body.kind}` },
        })),
      );
    }
    const item = await ctx.transaction(SYSTEM, async (data) => {
      const [existing] = await data.list(entity, { filter: { externalId: { eq: body.externalId } }, limit: 1 });
      const stored = existing
        ? { record: await data.update(entity, String(existing.id), body.fields), created: false }
        : { record: await data.create(entity, { ...body.fields, externalId: body.externalId }), created: true };
      await checkEligibilityRule(ctx, stored.record);
      return stored;
    });
    return c.json({ id: item.record.id, created: item.created }, item.created ? 201 : 200);
  });
}
