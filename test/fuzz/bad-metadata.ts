import fc from 'fast-check';
import type { FuzzRequest } from './bad-records.ts';
import { nulText, structured, unknownKey } from './bad-values.ts';

const label = { ja: '項目' };

/** An entity item with one thing wrong in it. */
const badEntity = fc.oneof(
  fc.oneof(nulText, fc.constantFrom('', '1abc', 'has space', 'a'.repeat(300))).map((name) => ({
    kind: 'entity',
    name,
    label,
    fields: [{ name: 'title', type: 'string', label }],
  })),
  fc.oneof(unknownKey, structured, nulText).map((type) => ({
    kind: 'entity',
    name: 'FuzzThing',
    label,
    fields: [{ name: 'title', type, label }],
  })),
  fc
    .constantFrom(
      [{ name: 'id', type: 'string', label }],
      [
        { name: 'title', type: 'string', label },
        { name: 'title', type: 'integer', label },
      ],
      [{ name: 'parent', type: 'reference', target: 'Nope', label }],
      [{ name: 'kids', type: 'collection', target: 'Branch', inverse: 'nope', label }],
      [{ name: 'size', type: 'integer', min: 10, max: 1, label }],
      [{ name: 'code', type: 'string', pattern: '([', label }],
      [{ name: 'kind', type: 'enum', values: [], label }],
      [{ name: 'title', type: 'string' }],
    )
    .map((fields) => ({ kind: 'entity', name: 'FuzzThing', label, fields })),
);

/** Roles, forms and views that refer to what is not there, or carry values of the wrong kind. */
const badOther = fc.constantFrom(
  {
    kind: 'role',
    name: 'fuzz-role',
    label,
    audience: 'staff',
    permissions: [{ entity: 'Nope', actions: ['read'] }],
  },
  {
    kind: 'role',
    name: 'fuzz-role',
    label,
    audience: 'resident',
    permissions: [{ entity: 'Branch', actions: ['fly'] }],
  },
  {
    kind: 'role',
    name: 'fuzz-role',
    label,
    audience: 'staff',
    permissions: [{ entity: 'Branch', actions: ['read'], where: { seats: { gt: 'many' } } }],
  },
  { kind: 'form', name: 'fuzz-form', label, entity: 'Branch', fields: [{ field: 'zzNope' }] },
  { kind: 'view', name: 'fuzz-view', label, entity: 'Branch', columns: ['zzNope'] },
  { kind: 'page', name: 'fuzz-page', label, portal: 'moon', route: '/x', layout: [] },
  {
    kind: 'workflow',
    name: 'fuzz-flow',
    label,
    entity: 'Branch',
    stateField: 'name',
    initial: 'a',
    states: [],
    transitions: [],
  },
);

/** Publishes (for real and dry runs), drafts and removals that must all be refused whole. */
export function badMetadata(): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    fc.tuple(fc.oneof(badEntity, badOther), fc.boolean()).map(([item, dryRun]) => ({
      caller: 'admin',
      method: 'POST',
      path: '/api/metadata/publish',
      body: { upserts: [item], dryRun },
    })),
    fc
      .constantFrom(
        // Removing an entity others refer to, and a destructive change without confirmation.
        { removals: [{ kind: 'entity', name: 'Applicant' }] },
        { upserts: [{ kind: 'entity', name: 'Branch', label, fields: [{ name: 'name', type: 'integer', label }] }] },
        { upserts: 'all' },
        { upserts: [{ kind: 'spaceship', name: 'x' }] },
        { zzExtra: true },
      )
      .map((body) => ({ caller: 'admin', method: 'POST', path: '/api/metadata/publish', body })),
    fc.oneof(badEntity, badOther).map((body) => ({
      caller: 'librarian',
      method: 'POST',
      path: '/api/metadata/publish',
      body: { upserts: [body] },
    })),
  ) as fc.Arbitrary<FuzzRequest>;
}
