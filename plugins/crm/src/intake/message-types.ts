import type { JsonSchema } from '@kiban/sdk';
import type { CrmSettings } from '../settings.ts';
import { APPLICATION_STATUS, applicationStatusSchema } from './application-status.ts';

/** The schema of a message type the intake API accepts, or undefined for an unknown type. */
export function messageSchema(settings: CrmSettings, type: string): JsonSchema | undefined {
  if (type === APPLICATION_STATUS) return applicationStatusSchema;
  if (!settings.intakeTypes || !Object.hasOwn(settings.intakeTypes, type)) return undefined;
  return settings.intakeTypes[type]?.schema;
}
