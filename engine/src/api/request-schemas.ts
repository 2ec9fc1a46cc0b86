import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorDetail, KibanError } from '../errors.ts';
import { describeAjvErrors, METADATA_KINDS } from '../metadata/index.ts';
import { CADENCE_SCHEMA } from '../reports/schedules/index.ts';
import { invalidRequest } from './request-body.ts';

const name = { type: 'string', minLength: 1, maxLength: 200 };
/** Staff attributes by name; which names and values are allowed depends on the published roles. */
const attributes = {
  type: 'object',
  maxProperties: 20,
  propertyNames: { pattern: '^[a-z][A-Za-z0-9]{0,62}$' },
  additionalProperties: { type: 'string', minLength: 1, maxLength: 100 },
};
const itemKey = {
  type: 'object',
  required: ['kind', 'name'],
  additionalProperties: false,
  properties: {
    kind: { enum: [...METADATA_KINDS] },
    name,
  },
};

/** JSON Schemas of every request the HTTP layer accepts besides records (those come from metadata). */
const REQUEST_SCHEMAS = {
  // A `description` of the form `日本語。 / English.` explains a pattern to the caller instead of the regex.
  listQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sort: {
        type: 'string',
        maxLength: 500,
        pattern: '^-?[A-Za-z][A-Za-z0-9]*(,-?[A-Za-z][A-Za-z0-9]*)*$',
        description:
          '項目名をカンマで区切って指定してください（降順は先頭に -、例: -createdAt,name）。 / Give field names separated by commas, a leading - for descending (e.g. -createdAt,name).',
      },
      limit: {
        type: 'string',
        pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$',
        description: '1 から 200 までの整数で指定してください。 / Give an integer from 1 to 200.',
      },
      offset: {
        type: 'string',
        pattern: '^(?:0|[1-9][0-9]{0,5})$',
        description: '0 から 999999 までの整数で指定してください。 / Give an integer from 0 to 999999.',
      },
      cursor: {
        type: 'string',
        minLength: 1,
        maxLength: 2000,
        pattern: '^[A-Za-z0-9_-]+$',
        description:
          '前のページの nextCursor をそのまま指定してください。 / Pass the nextCursor of the previous page unchanged.',
      },
      fields: {
        type: 'string',
        maxLength: 2000,
        // Empty would select nothing and silently answer everything: name at least one field.
        pattern: '^[A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*$',
        description: '項目名をカンマで区切って指定してください。 / Give field names separated by commas.',
      },
    },
  },
  login: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: name, password: { type: 'string', minLength: 1, maxLength: 1000 } },
  },
  profile: {
    type: 'object',
    additionalProperties: false,
    properties: {
      displayName: { type: ['string', 'null'], maxLength: 100 },
      displayNameKana: {
        type: ['string', 'null'],
        maxLength: 100,
        pattern: '^[\\u30A0-\\u30FF\\u3040-\\u309F\\s・ー]*$',
        description: 'ふりがなはひらがなかカタカナで書いてください。 / Write the reading in hiragana or katakana.',
      },
      email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
      phone: {
        type: ['string', 'null'],
        pattern: '^[0-9+\\-() ]{6,20}$',
        description: '電話番号は数字と + - ( ) で書いてください。 / Write the phone number with digits and + - ( ).',
      },
      postalCode: {
        type: ['string', 'null'],
        pattern: '^[0-9]{3}-?[0-9]{4}$',
        description: '郵便番号は 123-4567 の形で書いてください。 / Write the postal code as 123-4567.',
      },
      address: { type: ['string', 'null'], maxLength: 300 },
      consentToReuse: { type: 'boolean' },
      language: { enum: [null, 'ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy'] },
      calendar: { enum: ['japanese', 'gregory'] },
    },
  },
  colleagueQuery: {
    type: 'object',
    required: ['q'],
    additionalProperties: false,
    properties: { q: { type: 'string', minLength: 1, maxLength: 100 } },
  },
  reportSchedule: {
    type: 'object',
    required: ['report', 'format', 'recipients', 'cadence'],
    additionalProperties: false,
    properties: {
      report: name,
      parameters: {
        type: 'object',
        maxProperties: 50,
        additionalProperties: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
      },
      format: { enum: ['csv', 'xlsx'] },
      language: { enum: ['ja', 'en'] },
      recipients: {
        type: 'object',
        additionalProperties: false,
        properties: {
          staff: { type: 'array', maxItems: 50, uniqueItems: true, items: { type: 'string', format: 'uuid' } },
          addresses: {
            type: 'array',
            maxItems: 50,
            uniqueItems: true,
            items: { type: 'string', format: 'email', maxLength: 254 },
          },
        },
      },
      cadence: CADENCE_SCHEMA,
    },
  },
  signup: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: {
      username: {
        type: 'string',
        minLength: 3,
        maxLength: 100,
        pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$',
        description:
          '英数字で始め、英数字と . _ @ - で書いてください。 / Start with a letter or digit; use letters, digits and . _ @ -.',
      },
      password: { type: 'string', minLength: 10, maxLength: 1000 },
      displayName: name,
    },
  },
  createPrincipal: {
    type: 'object',
    required: ['kind', 'username', 'roles'],
    additionalProperties: false,
    properties: {
      kind: { enum: ['staff', 'resident', 'system'] },
      username: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' },
      displayName: name,
      password: { type: 'string', minLength: 1, maxLength: 1000 },
      roles: { type: 'array', maxItems: 50, uniqueItems: true, items: name },
      department: { type: 'string', minLength: 1, maxLength: 100 },
      attributes,
    },
  },
  setAttributes: {
    type: 'object',
    required: ['attributes'],
    additionalProperties: false,
    properties: { attributes },
  },
  setRoles: {
    type: 'object',
    required: ['roles'],
    additionalProperties: false,
    properties: { roles: { type: 'array', maxItems: 50, uniqueItems: true, items: name } },
  },
  createToken: {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: { name, expiresAt: { type: 'string', format: 'date-time' } },
  },
  publish: {
    type: 'object',
    additionalProperties: false,
    properties: {
      // Kind and name identify an item in every later message (`/entity/Branch/fields/0/type`).
      upserts: {
        type: 'array',
        maxItems: 1000,
        items: { type: 'object', required: ['kind', 'name'], properties: itemKey.properties },
      },
      removals: { type: 'array', maxItems: 1000, items: itemKey },
      drafts: { type: 'boolean', description: 'Publish every saved draft as well.' },
      confirmDestructive: { type: 'boolean' },
      dryRun: { type: 'boolean' },
    },
  },
  draft: { type: 'object', required: ['kind', 'name'], properties: { kind: itemKey.properties.kind, name } },
  transition: {
    type: 'object',
    additionalProperties: false,
    properties: { comment: { type: 'string', maxLength: 4000 } },
  },
  reassignTask: {
    type: 'object',
    required: ['assignTo'],
    additionalProperties: false,
    properties: {
      assignTo: {
        type: 'object',
        minProperties: 1,
        maxProperties: 1,
        additionalProperties: false,
        properties: {
          role: name,
          department: { type: 'string', minLength: 1, maxLength: 100 },
          principal: { type: 'string', format: 'uuid' },
        },
      },
      comment: { type: 'string', maxLength: 4000 },
    },
  },
  exportPackage: {
    type: 'object',
    required: ['name', 'version'],
    additionalProperties: false,
    properties: {
      name: {
        type: 'string',
        maxLength: 100,
        pattern: '^(?:@[a-z0-9](?:-?[a-z0-9])*/)?[a-z](?:-?[a-z0-9])*$',
        description: 'パッケージ名は英小文字とハイフンで書いてください。 / Use lower-case letters, digits and hyphens.',
      },
      version: {
        type: 'string',
        maxLength: 50,
        pattern: '^(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)\\.(?:0|[1-9]\\d*)(?:-[0-9A-Za-z.-]+)?$',
        description: '版は semver（例: 1.2.0）で書いてください。 / Write the version as semver, e.g. 1.2.0.',
      },
      data: {
        description: 'Entities whose rows travel as reference data, each with its natural key fields.',
        type: 'array',
        maxItems: 100,
        items: {
          type: 'object',
          required: ['entity', 'key'],
          additionalProperties: false,
          properties: {
            entity: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$', maxLength: 100 },
            key: {
              type: 'array',
              minItems: 1,
              maxItems: 10,
              uniqueItems: true,
              items: { type: 'string', pattern: '^[a-z][A-Za-z0-9]*$', maxLength: 100 },
            },
          },
        },
      },
    },
  },
  portalQuery: {
    type: 'object',
    required: ['portal'],
    additionalProperties: false,
    properties: { portal: { enum: ['resident', 'staff'] } },
  },
  taskQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      status: { enum: ['open', 'done'] },
      limit: {
        type: 'string',
        pattern: '^(?:[1-9]|[1-9][0-9]|100)$',
        description: '1〜100 の整数。 / A whole number from 1 to 100.',
      },
      offset: {
        type: 'string',
        pattern: '^(?:0|[1-9][0-9]{0,5})$',
        description: '0 以上の整数。 / A whole number from 0.',
      },
    },
  },
} as const;

export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;

/** The schema a request part is validated with, for the OpenAPI document to publish the same contract. */
export function requestSchema(name: RequestSchemaName): Record<string, unknown> {
  return structuredClone(REQUEST_SCHEMAS[name]) as Record<string, unknown>;
}

// `verbose` hands the failing schema to the messages, so a pattern is explained by its description.
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
addFormats.default(ajv);
const compiled = new Map<RequestSchemaName, ValidateFunction>();

/**
 * Validates a request part against its schema; throws every located problem, by default as a
 * 422 (a body with invalid values). `toError` lets query strings answer 400 instead.
 */
export function validateRequest<T>(
  schema: RequestSchemaName,
  value: unknown,
  basePointer = '',
  toError: (details: ErrorDetail[]) => KibanError = invalidRequest,
): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(REQUEST_SCHEMAS[schema]);
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    throw toError(
      describeAjvErrors(validate.errors ?? []).map((detail) => ({
        ...detail,
        pointer: `${basePointer}${detail.pointer}`,
      })),
    );
  }
  return value as T;
}
