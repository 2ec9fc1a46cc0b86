import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describeAjvErrors } from '../metadata/index.ts';
import { invalidRequest } from './request-body.ts';

const name = { type: 'string', minLength: 1, maxLength: 200 };
const itemKey = {
  type: 'object',
  required: ['kind', 'name'],
  additionalProperties: false,
  properties: { kind: { enum: ['entity', 'form', 'view', 'role'] }, name },
};

/** JSON Schemas of every request the HTTP layer accepts besides records (those come from metadata). */
const REQUEST_SCHEMAS = {
  listQuery: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sort: { type: 'string', maxLength: 500, pattern: '^-?[A-Za-z][A-Za-z0-9]*(,-?[A-Za-z][A-Za-z0-9]*)*$' },
      limit: { type: 'string', pattern: '^(?:[1-9][0-9]?|1[0-9][0-9]|200)$' },
      offset: { type: 'string', pattern: '^(?:0|[1-9][0-9]{0,5})$' },
      cursor: { type: 'string', minLength: 1, maxLength: 2000, pattern: '^[A-Za-z0-9_-]+$' },
      fields: { type: 'string', maxLength: 2000, pattern: '^([A-Za-z][A-Za-z0-9]*(,[A-Za-z][A-Za-z0-9]*)*)?$' },
    },
  },
  login: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: { username: name, password: { type: 'string', minLength: 1, maxLength: 1000 } },
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
    },
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
      upserts: { type: 'array', maxItems: 1000, items: { type: 'object' } },
      removals: { type: 'array', maxItems: 1000, items: itemKey },
      drafts: { type: 'boolean', description: 'Publish every saved draft as well.' },
      confirmDestructive: { type: 'boolean' },
      dryRun: { type: 'boolean' },
    },
  },
  draft: { type: 'object', required: ['kind', 'name'], properties: { kind: itemKey.properties.kind, name } },
} as const;

export type RequestSchemaName = keyof typeof REQUEST_SCHEMAS;

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const compiled = new Map<RequestSchemaName, ValidateFunction>();

/** Validates a request part against its schema; throws 422 with every located problem. */
export function validateRequest<T>(schema: RequestSchemaName, value: unknown, basePointer = ''): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(REQUEST_SCHEMAS[schema]);
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    throw invalidRequest(
      describeAjvErrors(validate.errors ?? []).map((detail) => ({
        ...detail,
        pointer: `${basePointer}${detail.pointer}`,
      })),
    );
  }
  return value as T;
}
