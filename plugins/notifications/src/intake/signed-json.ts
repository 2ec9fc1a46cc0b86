import { type PluginContext, PluginError } from '@kiban/sdk';
import type { ValidateFunction } from 'ajv';
import type { Context } from 'hono';
import { type NotificationSettings, readSettings } from '../settings.ts';
import { verifyIntake } from './intake-signature.ts';

export const refuse = (code: string, status: number, ja: string, en: string, details: PluginError['details'] = []) =>
  new PluginError(`notifications.${code}`, status, { ja, en }, details);

/**
 * The raw body of a call signed with the intake key (another system's intake, the bounce
 * mailbox's reports) and the settings read for it; refused unless the signature holds.
 */
export async function signedBody(
  c: Context,
  ctx: PluginContext,
): Promise<{ raw: string; settings: NotificationSettings }> {
  const settings = await readSettings(ctx);
  const raw = await c.req.text();
  if (!settings.intakeSecret)
    throw refuse('intakeClosed', 503, '受付は設定されていません。', 'Intake is not configured.');
  const verdict = verifyIntake(
    settings.intakeSecret,
    { signature: c.req.header('x-kiban-signature'), timestamp: c.req.header('x-kiban-timestamp') },
    raw,
  );
  if (verdict !== 'ok') throw refuse('badSignature', 401, '署名が正しくありません。', `The signature is ${verdict}.`);
  return { raw, settings };
}

/**
 * The body of an intake call from another system, once its HMAC signature, its idempotency
 * key and its shape hold; every refusal is thrown before anything is stored.
 */
export async function signedJson<T>(
  c: Context,
  ctx: PluginContext,
  validate: ValidateFunction<T>,
): Promise<{ body: T; key: string }> {
  const { raw } = await signedBody(c, ctx);
  const key = c.req.header('idempotency-key');
  if (!key || key.length > 200) {
    throw refuse(
      'idempotencyKeyRequired',
      400,
      'Idempotency-Key が必要です。',
      'An Idempotency-Key header is required.',
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw refuse('badJson', 400, '本文が JSON ではありません。', 'The body is not JSON.');
  }
  if (!validate(body)) {
    const details = (validate.errors ?? []).map((error) => ({
      pointer: error.instancePath || '/',
      code: `schema.${error.keyword}`,
      message: { ja: error.message ?? '', en: error.message ?? '' },
    }));
    throw refuse('invalidBody', 422, '内容が正しくありません。', 'The body is not valid.', details);
  }
  return { body, key };
}
