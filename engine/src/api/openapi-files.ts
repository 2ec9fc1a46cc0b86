import { type EntityMetadata, FILE_VALUE_SCHEMA, fileLimits } from '../metadata/index.ts';
import { needs } from './openapi-access.ts';
import { idParameter, type JsonObject, pathParameter, problem, UUID } from './openapi-operations.ts';

const FILE_VALUE = { 'application/json': { schema: FILE_VALUE_SCHEMA } };
const NOT_FOUND = problem('No such record, file or field (or not visible to the caller)');

/** The upload, download, signed-URL and removal endpoints of each file field of `entity`. */
export function filePaths(entity: EntityMetadata): JsonObject {
  const paths: JsonObject = {};
  for (const field of entity.fields) {
    if (field.type !== 'file') continue;
    const { maxSize, accept } = fileLimits(field);
    const base = `/api/data/${entity.name}/{id}/files/${field.name}`;
    const operation = (verb: string) => `${verb}${entity.name}${field.name[0].toUpperCase()}${field.name.slice(1)}`;
    const tags = [entity.name];
    const on = (action: 'read' | 'update') => needs({ entity: entity.name, action });
    paths[base] = {
      // Left to every caller: the update permission uploads, and so does the create permission
      // of a record's owner filling an empty field, which one access note cannot say.
      post: {
        tags,
        operationId: operation('upload'),
        summary: `Upload ${field.label.en ?? field.label.ja} (${field.label.ja}): at most ${maxSize} bytes of ${accept.join(', ')}, recognised from the content`,
        parameters: [
          idParameter,
          { name: 'name', in: 'query', required: true, schema: { type: 'string', maxLength: 255 } },
        ],
        requestBody: {
          required: true,
          content: {
            'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } },
          },
        },
        responses: {
          '201': { description: 'Stored; the record field now describes this file', content: FILE_VALUE },
          '400': problem('Bad file name, or the upload was cut off'),
          '403': problem('Not allowed by policy'),
          '404': NOT_FOUND,
          '413': problem(`Larger than ${maxSize} bytes`),
          '415': problem('Not one of the accepted types'),
        },
      },
      get: {
        ...on('read'),
        tags,
        operationId: operation('download'),
        summary: `Download ${field.label.en ?? field.label.ja} (${field.label.ja})`,
        parameters: [idParameter],
        responses: {
          '200': { description: 'The file', content: Object.fromEntries(accept.map((type) => [type, {}])) },
          '404': NOT_FOUND,
        },
      },
      delete: {
        ...on('update'),
        tags,
        operationId: operation('remove'),
        summary: `Remove ${field.label.en ?? field.label.ja} (${field.label.ja})`,
        parameters: [idParameter],
        responses: { '204': { description: 'Removed' }, '403': problem('Not allowed by policy'), '404': NOT_FOUND },
      },
    };
    paths[`${base}/url`] = {
      post: {
        ...on('read'),
        tags,
        operationId: operation('sign'),
        summary: 'A short-lived download URL that needs no session',
        parameters: [idParameter],
        responses: {
          '200': {
            description: 'The URL and when it expires',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['url', 'expiresAt'],
                  properties: { url: { type: 'string' }, expiresAt: { type: 'string', format: 'date-time' } },
                },
              },
            },
          },
          '404': NOT_FOUND,
        },
      },
    };
  }
  if (Object.keys(paths).length > 0) paths['/api/files/{fileId}'] = SIGNED_DOWNLOAD;
  return paths;
}

/** Where a signed URL leads: the URL itself is the credential, for a few minutes. */
const SIGNED_DOWNLOAD = {
  get: {
    tags: ['Files'],
    operationId: 'downloadSignedFile',
    summary: 'Download a file through a signed URL (from POST …/files/{field}/url); no session needed',
    security: [],
    parameters: [
      pathParameter('fileId', UUID),
      { name: 'expires', in: 'query', required: true, schema: { type: 'string', pattern: '^\\d+$' } },
      { name: 'signature', in: 'query', required: true, schema: { type: 'string' } },
    ],
    responses: {
      '200': { description: 'The file' },
      '403': problem('Invalid or expired signature'),
      '404': problem('No such file (deleted since)'),
    },
  },
};
