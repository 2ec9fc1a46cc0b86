import type { JsonSchema } from './record-schema.ts';
import type { FieldDefinition } from './types.ts';

/** Content types a file field may accept: those recognised from their bytes, never from a name. */
export const FILE_CONTENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/heic',
] as const;

/** The size limit of a file field that names none: 10 MiB. */
export const DEFAULT_FILE_MAX_SIZE = 10 * 1024 * 1024;

/** What a file field accepts: its own limits, or the defaults. */
export function fileLimits(field: FieldDefinition): { maxSize: number; accept: readonly string[] } {
  return { maxSize: field.maxSize ?? DEFAULT_FILE_MAX_SIZE, accept: field.accept ?? FILE_CONTENT_TYPES };
}

/**
 * A file field's value as records carry it: a description of the stored file. Only an upload
 * sets it (`POST /api/data/<Entity>/<id>/files/<field>`), so it is in no create or update schema.
 */
export const FILE_VALUE_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['id', 'name', 'contentType', 'size', 'sha256'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    name: { type: 'string' },
    contentType: { enum: [...FILE_CONTENT_TYPES] },
    size: { type: 'integer', minimum: 0 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
  },
  additionalProperties: false,
};
