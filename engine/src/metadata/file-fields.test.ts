import { describe, expect, it } from 'vitest';
import { recordJsonSchema } from './record-schema.ts';
import type { EntityMetadata } from './types.ts';
import { validateMetadata } from './validate.ts';

const entity = (extra: object): EntityMetadata =>
  ({
    kind: 'entity',
    name: 'Doc',
    label: { ja: '書類' },
    fields: [
      { name: 'title', type: 'string', label: { ja: '件名' } },
      { name: 'scan', type: 'file', label: { ja: 'スキャン' }, ...extra },
    ],
  }) as EntityMetadata;

const problems = (extra: object) => validateMetadata([entity(extra)]).map((error) => `${error.pointer} ${error.code}`);

describe('file fields in the metadata language', () => {
  it('take a size limit and accepted types from the content types it can recognise', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ maxSize: 1024, accept: ['application/pdf', 'image/png'], required: true })).toEqual([]);
    expect(problems({ accept: ['text/html'] })).toEqual(['/fields/1/accept/0 schema.enum']);
    expect(problems({ maxSize: 0 })).toEqual(['/fields/1/maxSize schema.minimum']);
  });

  it('refuse a default, uniqueness and the options of other types', () => {
    expect(problems({ default: null })).toEqual(['/fields/1/default schema.not']);
    expect(problems({ unique: true })).toEqual(['/fields/1/unique schema.not']);
    expect(problems({ maxLength: 3 })).toEqual(['/fields/1/maxLength schema.additionalProperties']);
  });

  it('are read-only in the record schemas: described on read, absent on create and update', () => {
    const doc = entity({ required: true });
    const read = recordJsonSchema(doc, 'read') as { properties: Record<string, { type: unknown }> };
    expect(read.properties.scan.type).toEqual(['object', 'null']);
    const create = recordJsonSchema(doc, 'create') as { properties: object; required?: string[] };
    expect(create.properties).not.toHaveProperty('scan');
    expect(create.required ?? []).not.toContain('scan');
    expect(recordJsonSchema(doc, 'update').properties).not.toHaveProperty('scan');
  });
});
