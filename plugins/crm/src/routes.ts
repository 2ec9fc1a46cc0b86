import { type Hono, isPluginError, type PluginContext, type PluginHttpEnv } from '@kiban/sdk';
import { ROLE } from './entities.ts';
import { crmError } from './errors.ts';
import { importStatuses } from './intake/csv-import.ts';
import { type IntakeAnswer, type IntakeRequest, receiveIntake } from './intake/receive.ts';

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

/** `POST /systems/:code/statuses/import[?dryRun=true]` (text/csv) under `/api/plugins/crm`, for integration admins. */
export function crmRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.post('/systems/:code/statuses/import', async (c) => {
    const actor = c.get('actor');
    if (actor.kind !== 'principal' || !actor.roles.includes(ROLE.integrationAdmin)) {
      throw crmError(
        'forbidden',
        403,
        'この操作の権限がありません。',
        'Only integration administrators may import statuses.',
      );
    }
    const dryRun = c.req.query('dryRun') === 'true';
    return c.json(await importStatuses(ctx, c.req.param('code'), await c.req.text(), dryRun));
  });
}
