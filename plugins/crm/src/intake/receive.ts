import type { PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';
import { crmSettings } from '../settings.ts';
import {
  APPLICATION_STATUS,
  type ApplicationStatus,
  applicationsByExternalId,
  applyApplicationStatus,
} from './application-status.ts';
import { sha256Hex, signatureValid, tokenMatches } from './credentials.ts';
import { messageSchema } from './message-types.ts';
import { schemaProblems } from './validator.ts';

export interface IntakeRequest {
  code: string;
  /** The `X-Api-Key` header: the system's intake token. */
  apiKey: string | undefined;
  headers: Record<string, string>;
  body: string;
}

export interface IntakeAnswer {
  status: 200 | 201;
  replayed: boolean;
  result: Record<string, unknown>;
}

/**
 * One message from a connected system: the API token (`X-Api-Key`; `Authorization` belongs to
 * the engine's own principals), the Standard Webhooks signature
 * with the system's secret, a known message type whose data fits its schema, and an
 * idempotency key (`Idempotency-Key`, else `webhook-id`). A key seen before answers the first
 * result again (409 when the body differs); anything refused changes nothing.
 */
export async function receiveIntake(ctx: PluginContext, request: IntakeRequest): Promise<IntakeAnswer> {
  const system = await activeSystem(ctx, request.code);
  const settings = await crmSettings(ctx);
  const secrets = settings.secrets?.[request.code];
  if (!system || !tokenMatches(request.apiKey, secrets?.intakeToken)) {
    throw crmError(
      'intake.unauthorized',
      401,
      'API トークンが正しくありません。',
      'The API token is not valid for this system.',
    );
  }
  if (!signatureValid(secrets?.signingSecret, request.body, request.headers)) {
    throw crmError(
      'intake.badSignature',
      401,
      '署名が正しくありません。',
      'The webhook signature is missing, expired or wrong.',
    );
  }
  const key = request.headers['idempotency-key'] || request.headers['webhook-id'];
  if (!key || key.length > 200) {
    throw crmError(
      'intake.keyRequired',
      400,
      '冪等キーが必要です。',
      'An Idempotency-Key (or webhook-id) of at most 200 characters is required.',
    );
  }
  const message = parseMessage(request.body);
  const schema = messageSchema(settings, message.type);
  if (!schema) {
    throw crmError(
      'intake.unknownType',
      422,
      '受け付けていない種類のメッセージです。',
      `The message type ${message.type} is not accepted.`,
      [
        {
          pointer: '/type',
          code: 'crm.intake.unknownType',
          message: { ja: '未登録の種類です。', en: 'Unknown message type.' },
        },
      ],
    );
  }
  const problems = schemaProblems(schema, message.data, '/data');
  if (problems.length > 0) {
    throw crmError(
      'intake.invalid',
      422,
      'メッセージの内容が正しくありません。',
      'The message data does not fit its schema.',
      problems,
    );
  }
  const bodyHash = sha256Hex(request.body);
  const systemId = String(system.id);
  return ctx.transaction(SYSTEM, async (data) => {
    const [seen] = await data.list(ENTITY.intake, {
      filter: { system: { eq: systemId }, idempotencyKey: { eq: key } },
      limit: 1,
    });
    if (seen) {
      if (seen.bodyHash !== bodyHash) {
        throw crmError(
          'intake.keyReused',
          409,
          'この冪等キーは別の内容で使われています。',
          'This idempotency key was used with another body.',
        );
      }
      return { status: 200, replayed: true, result: seen.result as Record<string, unknown> };
    }
    let result: Record<string, unknown> = { accepted: true };
    if (message.type === APPLICATION_STATUS) {
      const status = message.data as ApplicationStatus;
      const existing = (await applicationsByExternalId(data, systemId, [status.externalId])).get(status.externalId);
      const { outcome, application } = await applyApplicationStatus(ctx, data, system, status, existing);
      result = { outcome, applicationId: String(application.id) };
    } else {
      await ctx.events.publish(`intake.${message.type}`, { system: system.code, data: message.data });
    }
    await data.create(ENTITY.intake, {
      system: systemId,
      idempotencyKey: key,
      messageType: message.type,
      bodyHash,
      result,
      receivedAt: new Date().toISOString(),
    });
    return { status: 201, replayed: false, result };
  });
}

async function activeSystem(ctx: PluginContext, code: string): Promise<RecordData | undefined> {
  const [system] = await ctx.data(SYSTEM).list(ENTITY.system, { filter: { code: { eq: code } }, limit: 1 });
  return system?.status === 'active' ? system : undefined;
}

function parseMessage(body: string): { type: string; data: unknown } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw crmError('intake.notJson', 400, '本文が JSON ではありません。', 'The body is not JSON.');
  }
  const record = parsed as Record<string, unknown> | null;
  if (typeof record !== 'object' || record === null || typeof record.type !== 'string' || !('data' in record)) {
    throw crmError(
      'intake.invalid',
      422,
      'メッセージの形が正しくありません。',
      'A message is { "type": string, "data": … }.',
      [
        {
          pointer: '/type',
          code: 'crm.intake.shape',
          message: { ja: 'type と data が必要です。', en: 'type and data are required.' },
        },
      ],
    );
  }
  return { type: record.type, data: record.data };
}
