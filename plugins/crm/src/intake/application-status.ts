import type { DataApi, JsonSchema, PluginContext, RecordData } from '@kiban/sdk';
import { ENTITY } from '../entities.ts';

export const APPLICATION_STATUS = 'application.status';
/** Published for every applied status (as `crm.application.statusChanged`): the notifications and webhooks listen. */
export const STATUS_CHANGED = 'application.statusChanged';

export const applicationStatusSchema: JsonSchema = {
  type: 'object',
  required: ['externalId', 'status', 'statusAt'],
  additionalProperties: false,
  properties: {
    externalId: { type: 'string', minLength: 1, maxLength: 100 },
    status: { type: 'string', minLength: 1, maxLength: 60 },
    statusAt: { type: 'string', format: 'date-time' },
    resident: { type: 'string', minLength: 1, maxLength: 64 },
    title: { type: 'string', maxLength: 200 },
    note: { type: 'string', maxLength: 2000 },
  },
};

export interface ApplicationStatus {
  externalId: string;
  status: string;
  statusAt: string;
  resident?: string;
  title?: string;
  note?: string;
}

export type StatusOutcome = 'created' | 'updated' | 'stale';

/**
 * What a status would do to the application the system knows as `externalId`: create it, move
 * it on, or nothing when it is not newer than the status already held (messages may arrive out
 * of order; the latest `statusAt` wins).
 */
export function statusOutcome(existing: RecordData | undefined, message: ApplicationStatus): StatusOutcome {
  if (!existing) return 'created';
  return Date.parse(message.statusAt) > Date.parse(String(existing.statusAt)) ? 'updated' : 'stale';
}

/** Applies one status in the caller's transaction and announces a change for the notifications. */
export async function applyApplicationStatus(
  ctx: PluginContext,
  data: DataApi,
  system: RecordData,
  message: ApplicationStatus,
  existing: RecordData | undefined,
): Promise<{ outcome: StatusOutcome; application: RecordData }> {
  const outcome = statusOutcome(existing, message);
  if (outcome === 'stale' && existing) return { outcome, application: existing };
  const values: RecordData = {
    status: message.status,
    statusAt: message.statusAt,
    ...(message.title !== undefined ? { title: message.title } : {}),
    ...(message.note !== undefined ? { note: message.note } : {}),
  };
  const application = existing
    ? await data.update(ENTITY.application, String(existing.id), values)
    : await data.create(ENTITY.application, {
        ...values,
        system: String(system.id),
        externalId: message.externalId,
        resident: message.resident ?? null,
      });
  await ctx.events.publish(STATUS_CHANGED, {
    applicationId: String(application.id),
    system: system.code,
    externalId: message.externalId,
    resident: application.resident ?? null,
    status: message.status,
    title: application.title ?? null,
  });
  return { outcome, application };
}

/** The system's applications with these external ids, by external id (one query per 200). */
export async function applicationsByExternalId(
  data: DataApi,
  systemId: string,
  externalIds: readonly string[],
): Promise<Map<string, RecordData>> {
  const found = new Map<string, RecordData>();
  const unique = [...new Set(externalIds)];
  for (let start = 0; start < unique.length; start += 200) {
    const rows = await data.list(ENTITY.application, {
      filter: { system: { eq: systemId }, externalId: { in: unique.slice(start, start + 200) } },
      limit: 200,
    });
    for (const row of rows) found.set(String(row.externalId), row);
  }
  return found;
}
