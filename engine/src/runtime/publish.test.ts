import { describe, expect, it } from 'vitest';
import type { EntityMetadata, RoleMetadata } from '../metadata/index.ts';
import { mergeChanges } from './publish.ts';

const branch: EntityMetadata = {
  kind: 'entity',
  name: 'Branch',
  label: { ja: '図書館' },
  fields: [{ name: 'name', type: 'string', label: { ja: '館名' } }],
};
const staff: RoleMetadata = {
  kind: 'role',
  name: 'staff',
  label: { ja: '職員' },
  audience: 'staff',
  permissions: [{ entity: 'Branch', actions: ['read'] }],
};

describe('mergeChanges', () => {
  it('reports only items whose content differs from what is published', () => {
    const sameAgain = structuredClone(branch);
    const result = mergeChanges([branch, staff], { upserts: [sameAgain], removals: [] });
    expect(result.changed).toEqual([]);
    expect(result.items).toHaveLength(2);
  });

  it('replaces a changed item in place and lists it as changed', () => {
    const withWard = { ...branch, fields: [...branch.fields, { name: 'ward', type: 'string', label: { ja: '区' } }] };
    const result = mergeChanges([branch, staff], { upserts: [withWard as EntityMetadata], removals: [] });
    expect(result.changed).toEqual([{ kind: 'entity', name: 'Branch' }]);
    expect(result.items.find((item) => item.name === 'Branch')).toBe(withWard);
  });

  it('removes only items that exist, and a new item counts as changed', () => {
    const result = mergeChanges([branch, staff], {
      upserts: [{ ...staff, name: 'visitor' }],
      removals: [
        { kind: 'role', name: 'staff' },
        { kind: 'role', name: 'nobody' },
      ],
    });
    expect(result.removed).toEqual([{ kind: 'role', name: 'staff' }]);
    expect(result.changed).toEqual([{ kind: 'role', name: 'visitor' }]);
    expect(result.items.map((item) => item.name).sort()).toEqual(['Branch', 'visitor']);
  });
});
