import type { Capability } from '../metadata/index.ts';
import { needs } from './openapi-access.ts';
import { type RequestSchemaName, requestSchema } from './request-schemas.ts';

/** Small builders the OpenAPI path files share, so that each route reads as one line of intent. */

export type JsonObject = Record<string, unknown>;

export const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

export const jsonBody = (schema: JsonObject, required = true) => ({
  required,
  content: { 'application/json': { schema } },
});

export const requestBody = (name: RequestSchemaName) => jsonBody(requestSchema(name));

export const ok = (description: string, schema: JsonObject = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});

export const itemsOf = (items: JsonObject = { type: 'object' }) => ({
  type: 'object',
  required: ['items'],
  properties: { items: { type: 'array', items } },
});

export const pathParameter = (name: string, schema: JsonObject = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});

export const UUID = { type: 'string', format: 'uuid' };

/** The `{id}` of a record, principal, job or other row: a UUID. */
export const idParameter = pathParameter('id', UUID);

/** Query parameters from a request schema's properties (every query value arrives as a string). */
export function queryParameters(name: RequestSchemaName): JsonObject[] {
  const schema = requestSchema(name) as { properties: Record<string, JsonObject>; required?: string[] };
  return Object.entries(schema.properties).map(([property, value]) => ({
    name: property,
    in: 'query',
    required: schema.required?.includes(property) ?? false,
    schema: value,
  }));
}

const COMMON_ERRORS = {
  '401': problem('Not signed in'),
  '403': problem('Not allowed by policy'),
};

/** Marks an operation as needing a capability, so that callers without it do not see it. */
export const capability = (name: Capability): JsonObject => needs({ capability: name });

/** One operation with the errors every signed-in route can answer. */
export function operation(
  tag: string,
  operationId: string,
  summary: string,
  responses: JsonObject,
  extra: JsonObject = {},
): JsonObject {
  return { tags: [tag], operationId, summary, ...extra, responses: { ...responses, ...COMMON_ERRORS } };
}

/** Marks every operation of `paths` with the capability `needed` names for it (none: shown to every caller). */
export function markCapabilities(
  paths: JsonObject,
  needed: (path: string, method: string) => Capability | undefined,
): JsonObject {
  for (const [path, item] of Object.entries(paths as Record<string, Record<string, JsonObject>>)) {
    for (const [method, op] of Object.entries(item)) {
      const name = needed(path, method);
      if (name) Object.assign(op, capability(name));
    }
  }
  return paths;
}
