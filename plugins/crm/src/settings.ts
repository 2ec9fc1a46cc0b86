import type { JsonSchema, PluginContext } from '@kiban/sdk';

/** One system's credentials: the Standard Webhooks signing secret and the intake API token. */
export interface SystemSecret {
  signingSecret?: string;
  intakeToken?: string;
}

export interface CrmSettings {
  /** By system code; sealed at rest, never returned by the settings API. */
  secrets?: Record<string, SystemSecret>;
  /** Attempts before a delivery is dead-lettered. */
  maxAttempts?: number;
  /** Message types the intake API accepts besides `application.status`, each with its JSON Schema. */
  intakeTypes?: Record<string, { schema: JsonSchema }>;
  /** Hours from intake to a case's due time, by category; `default` for the rest. */
  slaHours?: Record<string, number>;
  /** The CRM's client id at the identity plugin: the service residents consent to for the 360's attributes. */
  identityClientId?: string;
}

export const DEFAULT_MAX_ATTEMPTS = 12;
export const DEFAULT_SLA_HOURS = 72;

export const settingsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    secrets: {
      type: 'object',
      writeOnly: true,
      description: 'Per system code: { signingSecret: "whsec_…", intakeToken: "…" }.',
      propertyNames: { pattern: '^[a-z][a-z0-9-]{1,39}$' },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          signingSecret: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]{32,}={0,2}$' },
          intakeToken: { type: 'string', minLength: 32, maxLength: 200 },
        },
      },
    },
    maxAttempts: { type: 'integer', minimum: 1, maximum: 30 },
    identityClientId: { type: 'string', minLength: 1, maxLength: 100 },
    slaHours: { type: 'object', additionalProperties: { type: 'number', exclusiveMinimum: 0, maximum: 8760 } },
    intakeTypes: {
      type: 'object',
      propertyNames: { pattern: '^[a-z][a-zA-Z0-9]*(\\.[a-z][a-zA-Z0-9]*)+$' },
      additionalProperties: {
        type: 'object',
        required: ['schema'],
        additionalProperties: false,
        properties: { schema: { type: 'object' } },
      },
    },
  },
};

export function crmSettings(ctx: PluginContext): Promise<CrmSettings> {
  return ctx.settings<CrmSettings>();
}

export async function secretOf(ctx: PluginContext, code: string): Promise<SystemSecret> {
  const settings = await crmSettings(ctx);
  return settings.secrets?.[code] ?? {};
}
