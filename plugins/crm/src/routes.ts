import { type Actor, type Hono, isPluginError, type PluginContext, type PluginHttpEnv } from '@kiban/sdk';
import { applicationCounts } from './cases/application-counts.ts';
import { boardFilter, caseBoard, casesCsv } from './cases/board.ts';
import type { Clock } from './clock.ts';
import { ENTITY, ROLE, SYSTEM } from './entities.ts';
import { crmError } from './errors.ts';
import { importStatuses } from './intake/csv-import.ts';
import { type IntakeAnswer, type IntakeRequest, receiveIntake } from './intake/receive.ts';
import { deliveryLog } from './outbound/deliveries.ts';
import { identityAttributeSource } from './residents/attribute-source.ts';
import { residentHousehold } from './residents/household.ts';
import { duplicateGroups, residentsByPhone } from './residents/match-key.ts';
import { openResident360 } from './residents/profile-360.ts';
import { staffRoutes } from './staff-routes.ts';

const MAX_INTAKE_BYTES = 256 * 1024;

/** `POST /intake/:system` under `/api/public/crm`: the intake API of the connected systems. */
export function publicIntakeRoutes(app: Hono, ctx: PluginContext): void {
  app.post('/intake/:system', async (c) => {
    const body = await c.req.text();
    if (body.length > MAX_INTAKE_BYTES) {
      throw crmError('intake.tooLarge', 413, 'メッセージが大きすぎます。', 'The message is too large.');
    }
    const headers: Record<string, string> = {};
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'idempotency-key']) {
      const value = c.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    const request = { code: c.req.param('system'), apiKey: c.req.header('x-api-key'), headers, body };
    const answer = await receiveOnce(ctx, request);
    if (answer.replayed) c.header('Idempotent-Replayed', 'true');
    return c.json(answer.result, answer.status);
  });
}

/** Two deliveries of one key at once: the loser's insert fails on the unique key; tried again, it replays the winner's. */
async function receiveOnce(ctx: PluginContext, request: IntakeRequest): Promise<IntakeAnswer> {
  try {
    return await receiveIntake(ctx, request);
  } catch (error) {
    if (isPluginError(error)) throw error;
    return receiveIntake(ctx, request);
  }
}

/**
 * Under `/api/plugins/crm`: `POST /systems/:code/statuses/import[?dryRun=true]` (text/csv) for
 * integration admins, and `GET /systems/:code/deliveries[?status=dead]` (the delivery log and
 * dead-letter list); `GET /cases/board` and `GET /cases/export.csv` (filters `status`,
 * `department`, `category`, `channel`, `assignee`) for staff, under their own row policies;
 * `GET /residents/by-phone?number=…` (a caller's matching residents), `GET
 * /residents/:principal?reason=…` (the resident 360, audited), `GET /residents/:principal/household`
 * (its household panel, audited) and, for managers,
 * `GET /residents/duplicates`.
 */
export function crmRoutes(clock: Clock) {
  return (app: Hono<PluginHttpEnv>, ctx: PluginContext): void => {
    statusImportRoute(app, ctx);
    staffRoutes(app, ctx, clock);
    app.get('/systems/:code/deliveries', async (c) => {
      requireIntegrationAdmin(c.get('actor'));
      const [system] = await ctx
        .data(SYSTEM)
        .list(ENTITY.system, { filter: { code: { eq: c.req.param('code') } }, limit: 1 });
      if (!system) throw crmError('system.notFound', 404, '連携先が見つかりません。', 'No such connected system.');
      const status = c.req.query('status');
      if (status !== undefined && !DELIVERY_STATUSES.includes(status)) {
        throw crmError(
          'deliveries.badStatus',
          400,
          '状態の指定が正しくありません。',
          `status is one of ${DELIVERY_STATUSES.join(', ')}.`,
        );
      }
      const limit = Math.min(Math.max(Number(c.req.query('limit') ?? 50) || 50, 1), 500);
      const offset = Math.max(Number(c.req.query('offset') ?? 0) || 0, 0);
      return c.json({ items: await deliveryLog(ctx, String(system.id), { status, limit, offset }) });
    });
    app.get('/residents/duplicates', async (c) => {
      const actor = c.get('actor');
      if (actor.kind !== 'principal' || !actor.roles.includes(ROLE.manager)) {
        throw crmError('forbidden', 403, 'この操作の権限がありません。', 'Only case managers see duplicate proposals.');
      }
      return c.json({ groups: await duplicateGroups(ctx) });
    });
    app.get('/residents/by-phone', async (c) => {
      const actor = c.get('actor');
      const principals = await residentsByPhone(ctx, c.req.query('number') ?? '');
      if (principals.length === 0) return c.json({ items: [] });
      // Read as the caller: their policies decide which profiles they may see.
      const items = await ctx.data(actor).list(ENTITY.profile, {
        filter: { principal: { in: principals } },
        fields: ['id', 'principal', 'fullName', 'fullNameKana', 'birthDate', 'ward'],
        limit: 20,
      });
      return c.json({ items });
    });
    app.get('/residents/:principal/household', async (c) =>
      c.json(await residentHousehold(ctx, c.get('actor'), c.req.param('principal'))),
    );
    app.get('/residents/:principal', async (c) =>
      c.json(
        await openResident360(
          ctx,
          c.get('actor'),
          c.req.param('principal'),
          c.req.query('reason'),
          identityAttributeSource(ctx),
          { language: c.req.query('language') === 'en' ? 'en' : 'ja' },
        ),
      ),
    );
    app.get('/cases/board', async (c) => {
      const query = c.req.query();
      const limit = Math.min(Math.max(Number(query.limit ?? 100) || 100, 1), 500);
      const actor = c.get('actor');
      const board = await caseBoard(ctx, actor, boardFilter(query), clock(), limit);
      return c.json({ ...board, applications: await applicationCounts(ctx, actor) });
    });
    app.get('/cases/export.csv', async (c) => {
      const csv = await casesCsv(ctx, c.get('actor'), boardFilter(c.req.query()), clock);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="cases.csv"',
      });
    });
  };
}

const DELIVERY_STATUSES = ['pending', 'delivered', 'dead', 'gone'];

function requireIntegrationAdmin(actor: Actor): void {
  if (actor.kind !== 'principal' || !actor.roles.includes(ROLE.integrationAdmin)) {
    throw crmError('forbidden', 403, 'この操作の権限がありません。', 'Only integration administrators may do this.');
  }
}

function statusImportRoute(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.post('/systems/:code/statuses/import', async (c) => {
    requireIntegrationAdmin(c.get('actor'));
    const dryRun = c.req.query('dryRun') === 'true';
    return c.json(await importStatuses(ctx, c.req.param('code'), await c.req.text(), dryRun));
  });
}
