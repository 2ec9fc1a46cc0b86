/** The settings of the attribute sources, beside the plugin's others (`settings.ts`). */
export interface AttributeSourceSettings {
  /** The city's replica database: the schema of the view `resident_attributes`. */
  replica?: { schema: string };
  /** Secret: the replica's PostgreSQL connection string. */
  replicaUrl?: string;
  /** The Mynaportal API as the city's registration gives it. */
  mynaportal?: { tokenUrl: string; apiUrl: string; clientId: string };
  /** Secret: the Mynaportal client secret. */
  mynaportalClientSecret?: string;
}

/** Plain HTTP only on the loopback (the sandbox); anything else must be HTTPS. */
const SERVICE_URL = '^(https://[^\\s]+|http://(127\\.0\\.0\\.1|localhost|\\[::1\\])(:[0-9]+)?(/[^\\s]*)?)$';

export const attributeSourceSettingsSchema = {
  replica: {
    type: 'object',
    required: ['schema'],
    additionalProperties: false,
    properties: { schema: { type: 'string', pattern: '^[a-z_][a-z0-9_]{0,62}$' } },
  },
  replicaUrl: { type: 'string', pattern: '^postgres(ql)?://', maxLength: 2000, writeOnly: true },
  mynaportal: {
    type: 'object',
    required: ['tokenUrl', 'apiUrl', 'clientId'],
    additionalProperties: false,
    properties: {
      tokenUrl: { type: 'string', pattern: SERVICE_URL, maxLength: 500 },
      apiUrl: { type: 'string', pattern: SERVICE_URL, maxLength: 500 },
      clientId: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  mynaportalClientSecret: { type: 'string', minLength: 1, maxLength: 1000, writeOnly: true },
};
