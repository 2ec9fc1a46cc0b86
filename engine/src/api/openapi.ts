import type { PolicyPrincipal } from '../access/index.ts';
import type { EntityAction, EntityMetadata, FieldDefinition } from '../metadata/index.ts';
import { FILTER_OPERATORS, recordJsonSchema } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './list-query.ts';
import { documentForCaller, needs } from './openapi-access.ts';
import { adminPaths } from './openapi-admin.ts';
import { filePaths } from './openapi-files.ts';
import { idParameter, problem } from './openapi-operations.ts';
import { type ActionDescription, actionPaths, platformPaths } from './openapi-platform.ts';
import { reportSchedulePaths } from './openapi-report-schedules.ts';
import { reportPaths } from './openapi-reports.ts';
import { WORKFLOW_STATUS_SCHEMA, workflowPaths } from './openapi-workflows.ts';

type JsonObject = Record<string, unknown>;

const ERRORS = {
  '400': problem('Malformed request'),
  '401': problem('Not signed in'),
  '403': problem('Not allowed by policy'),
  '413': problem('Body too large'),
  '422': problem('Invalid values'),
};

/**
 * The document one caller may see, built once per generation and cut once per set of roles
 * (the policy decides on kind and roles; `$user` only narrows rows, never the document).
 */
export function callerDocument(
  live: LiveApp,
  principal: PolicyPrincipal,
  actions: readonly ActionDescription[] = [],
): JsonObject {
  const whole = live.memo('openapi', () => buildOpenApiDocument(live, actions));
  const roles = [...principal.roles].sort().join(',');
  return live.memo(`openapi:${principal.kind}:${roles}`, () => documentForCaller(whole, live, principal));
}

/**
 * The OpenAPI 3.1 document of the published app; rebuilt with every generation. Its parts
 * carry `x-kiban-access` marks; `documentForCaller` cuts it down to one caller's view.
 */
export function buildOpenApiDocument(live: LiveApp, actions: readonly ActionDescription[] = []): JsonObject {
  const entities = [...live.entities.values()].sort((a, b) => a.name.localeCompare(b.name));
  const schemas: JsonObject = { Problem: PROBLEM_SCHEMA };
  const paths: JsonObject = {};
  for (const entity of entities) {
    const on = (action: EntityAction) => needs({ entity: entity.name, action });
    schemas[entity.name] = { ...embeddable(recordJsonSchema(entity, 'read')), ...on('read') };
    schemas[`${entity.name}Create`] = { ...embeddable(recordJsonSchema(entity, 'create')), ...on('create') };
    schemas[`${entity.name}Update`] = { ...embeddable(recordJsonSchema(entity, 'update')), ...on('update') };
    schemas[`${entity.name}Page`] = pageSchema(entity.name);
    Object.assign(paths, entityPaths(entity), collectionPaths(entity, live), filePaths(entity));
  }
  const workflows = live.items.filter((item) => item.kind === 'workflow');
  if (workflows.length > 0) schemas.WorkflowStatus = WORKFLOW_STATUS_SCHEMA;
  for (const workflow of workflows) Object.assign(paths, workflowPaths(workflow));
  Object.assign(paths, platformPaths(), reportPaths(), reportSchedulePaths(), adminPaths(), actionPaths(actions));
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Kiban API',
      version: `generation-${live.generation}`,
      description: 'Generated from the published metadata. Every endpoint enforces role, row and field policies.',
    },
    security: [{ bearer: [] }, { session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'An API token (kbn_…) or a session token' },
        session: { type: 'apiKey', in: 'cookie', name: 'kiban_session' },
      },
    },
  };
}

/** Acting for another principal, when a plugin's delegation allows it (else 403 `access.delegationDenied`). */
const ON_BEHALF_OF_PARAMETER = {
  name: 'Kiban-On-Behalf-Of',
  in: 'header',
  required: false,
  description: 'Act for this principal id: their policies apply, the audit names the caller as acting for them',
  schema: { type: 'string', format: 'uuid' },
};

function entityPaths(entity: EntityMetadata): JsonObject {
  const ref = (suffix = '') => ({ $ref: `#/components/schemas/${entity.name}${suffix}` });
  const json = (schema: JsonObject) => ({ 'application/json': { schema } });
  const tag = [entity.name];
  const summary = (verb: string) => `${verb} ${entity.label.en ?? entity.label.ja} (${entity.label.ja})`;
  const etag = { ETag: { description: 'The record version, for If-Match', schema: { type: 'string' } } };
  const notFound = problem('No such record (or not visible to the caller)');
  const on = (action: EntityAction) => needs({ entity: entity.name, action });
  return {
    [`/api/data/${entity.name}`]: {
      parameters: [ON_BEHALF_OF_PARAMETER],
      get: {
        ...on('read'),
        tags: tag,
        operationId: `list${entity.name}`,
        summary: summary('List'),
        parameters: listParameters(entity),
        responses: { '200': { description: 'One page', content: json(ref('Page')) }, ...ERRORS },
      },
      post: {
        ...on('create'),
        tags: tag,
        operationId: `create${entity.name}`,
        summary: summary('Create'),
        requestBody: { required: true, content: json(ref('Create')) },
        responses: {
          '201': { description: 'Created', headers: etag, content: json(ref()) },
          '404': problem('A referenced record does not exist or may not be read'),
          '409': problem('A unique value is taken'),
          ...ERRORS,
        },
      },
    },
    [`/api/data/${entity.name}/{id}`]: {
      parameters: [idParameter, ON_BEHALF_OF_PARAMETER],
      get: {
        ...on('read'),
        tags: tag,
        operationId: `get${entity.name}`,
        summary: summary('Get'),
        responses: {
          '200': { description: 'The record', headers: etag, content: json(ref()) },
          '404': notFound,
          ...ERRORS,
        },
      },
      patch: {
        ...on('update'),
        tags: tag,
        operationId: `update${entity.name}`,
        summary: summary('Update'),
        parameters: [{ name: 'If-Match', in: 'header', required: true, schema: { type: 'string' } }],
        requestBody: { required: true, content: json(ref('Update')) },
        responses: {
          '200': { description: 'Updated', headers: etag, content: json(ref()) },
          '404': notFound,
          '412': problem('The record changed since it was read'),
          '428': problem('If-Match is required'),
          ...ERRORS,
        },
      },
      delete: {
        ...on('delete'),
        tags: tag,
        operationId: `delete${entity.name}`,
        summary: summary('Delete'),
        parameters: [{ name: 'If-Match', in: 'header', required: false, schema: { type: 'string' } }],
        responses: {
          '204': { description: 'Deleted' },
          '404': notFound,
          '409': problem('Other records refer to this one'),
          '412': problem('The record changed since it was read'),
          ...ERRORS,
        },
      },
    },
  };
}

/** `GET /api/data/Branch/{id}/applications`: the records whose reference points back at one parent. */
function collectionPaths(entity: EntityMetadata, live: LiveApp): JsonObject {
  const paths: JsonObject = {};
  for (const field of entity.fields) {
    const target = field.type === 'collection' && field.target ? live.entities.get(field.target) : undefined;
    if (!target) continue;
    paths[`/api/data/${entity.name}/{id}/${field.name}`] = {
      get: {
        ...needs({ entity: target.name, action: 'read' }),
        tags: [entity.name],
        operationId: `list${entity.name}${field.name[0].toUpperCase()}${field.name.slice(1)}`,
        summary: `List ${field.label.en ?? field.label.ja} of one ${entity.name} (${field.label.ja})`,
        parameters: [idParameter, ...listParameters(target)],
        responses: {
          '200': {
            description: 'One page',
            content: { 'application/json': { schema: { $ref: `#/components/schemas/${target.name}Page` } } },
          },
          '404': problem('No such record (or not visible to the caller)'),
          ...ERRORS,
        },
      },
    };
  }
  return paths;
}

function listParameters(entity: EntityMetadata): JsonObject[] {
  const filterable = [...SYSTEM_FILTERABLE, ...entity.fields.filter((f) => f.type !== 'collection').map(nameOf)];
  const operators = Object.fromEntries(FILTER_OPERATORS.map((op) => [op, { type: 'string' }]));
  return [
    {
      ...needs({ entity: entity.name, action: 'read' }),
      name: 'filter',
      in: 'query',
      style: 'deepObject',
      explode: true,
      description:
        'filter[field][operator]=value; operators: eq, ne, lt, lte, gt, gte, in (comma-separated), contains, isNull',
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(filterable.map((field) => [field, { type: 'object', properties: operators }])),
      },
    },
    {
      name: 'sort',
      in: 'query',
      schema: { type: 'string' },
      description: 'Comma-separated fields, "-" for descending',
    },
    {
      name: 'limit',
      in: 'query',
      schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE },
    },
    { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0 } },
    { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
    { name: 'fields', in: 'query', schema: { type: 'string' }, description: 'Comma-separated fields to return' },
  ];
}

const SYSTEM_FILTERABLE = ['id', 'owner', 'createdAt', 'updatedAt', 'version'];

const nameOf = (field: FieldDefinition) => field.name;

function pageSchema(name: string): JsonObject {
  return {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: `#/components/schemas/${name}` } },
      nextCursor: { type: ['string', 'null'] },
    },
  };
}

/** Component schemas live inside the document: their own `$schema`/`$id` would re-root references. */
function embeddable(schema: object): JsonObject {
  const { $schema: _schema, $id: _id, ...rest } = schema as JsonObject;
  return rest;
}

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: { pointer: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};
