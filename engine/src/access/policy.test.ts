import { describe, expect, it } from 'vitest';
import { CAPABILITIES, type EntityMetadata, type RoleMetadata } from '../metadata/types.ts';
import { ADMIN_ROLE, createAccessPolicy, type PolicyPrincipal } from './policy.ts';

const application: EntityMetadata = {
  kind: 'entity',
  name: 'Application',
  label: { ja: '申請' },
  fields: [
    { name: 'status', type: 'string', label: { ja: '状態' } },
    { name: 'income', type: 'decimal', label: { ja: '所得' }, classification: 'sensitive' },
    { name: 'note', type: 'text', label: { ja: '備考' } },
    { name: 'decision', type: 'string', label: { ja: '決定' } },
  ],
};
const household: EntityMetadata = { kind: 'entity', name: 'Household', label: { ja: '世帯' }, fields: [] };

function role(name: string, audience: RoleMetadata['audience'], rest: Partial<RoleMetadata> = {}): RoleMetadata {
  return { kind: 'role', name, label: { ja: name }, audience, permissions: [], ...rest };
}

const roles: RoleMetadata[] = [
  role('applicant', 'resident', {
    permissions: [
      {
        entity: 'Application',
        actions: ['read', 'create'],
        where: { owner: { eq: '$user' } },
        fields: { note: 'hidden', decision: 'readOnly' },
      },
      {
        entity: 'Application',
        actions: ['update'],
        where: { owner: { eq: '$user' }, status: { eq: 'draft' } },
        fields: { decision: 'readOnly', note: 'hidden' },
      },
    ],
  }),
  role('clerk', 'staff', {
    permissions: [
      {
        entity: 'Application',
        actions: ['read', 'update'],
        where: { ward: { eq: 'kita' } },
        fields: { income: 'hidden', decision: 'readOnly' },
      },
    ],
    capabilities: ['metadata.read'],
  }),
  role('welfare-officer', 'staff', {
    permissions: [
      {
        entity: 'Application',
        actions: ['read'],
        where: { ward: { in: ['kita', 'minami'] } },
        fields: { income: 'readOnly', note: 'hidden' },
      },
    ],
  }),
  role('supervisor', 'staff', {
    permissions: [{ entity: 'Application', actions: ['read', 'update', 'delete'], fields: { income: 'hidden' } }],
    capabilities: ['audit.read'],
  }),
  role('everything-visible', 'staff', {
    permissions: [{ entity: 'Application', actions: ['read'], where: {} }],
  }),
  role('importer', 'system', { permissions: [{ entity: 'Household', actions: ['create'] }] }),
  // A metadata role may not borrow the built-in admin's name and powers.
  role(ADMIN_ROLE, 'resident', { permissions: [{ entity: 'Application', actions: ['delete'] }] }),
];
const policy = createAccessPolicy(roles);

const resident = (...roleNames: string[]): PolicyPrincipal => ({ id: 'r-1', kind: 'resident', roles: roleNames });
const staff = (...roleNames: string[]): PolicyPrincipal => ({ id: 's-1', kind: 'staff', roles: roleNames });
const system = (...roleNames: string[]): PolicyPrincipal => ({ id: 'y-1', kind: 'system', roles: roleNames });

describe('authorize: deny by default', () => {
  it('denies a principal without roles, an anonymous caller and unpublished role names', () => {
    for (const principal of [resident(), staff(), null, staff('ghost-role')]) {
      expect(policy.authorize(principal, application, 'read').allowed).toBe(false);
    }
  });

  it('denies actions and entities that no held role mentions', () => {
    expect(policy.authorize(staff('clerk'), application, 'delete').allowed).toBe(false);
    expect(policy.authorize(staff('clerk'), application, 'create').allowed).toBe(false);
    expect(policy.authorize(staff('clerk'), household, 'read').allowed).toBe(false);
  });

  it('answers a denial that exposes nothing even to a caller who ignores `allowed`', () => {
    const denial = policy.authorize(staff(), application, 'read');
    expect(denial.rowFilters).toEqual([]);
    for (const field of ['id', 'owner', 'status', 'income', 'note', 'decision']) {
      expect(denial.hiddenFields.has(field)).toBe(true);
      expect(denial.readOnlyFields.has(field)).toBe(true);
    }
  });

  it('ignores roles written for another audience', () => {
    expect(policy.authorize(resident('clerk', 'supervisor'), application, 'read').allowed).toBe(false);
    expect(policy.authorize(staff('applicant'), application, 'read').allowed).toBe(false);
    expect(policy.authorize(staff('importer'), household, 'create').allowed).toBe(false);
    expect(policy.authorize(system('importer'), household, 'create').allowed).toBe(true);
    expect(policy.authorize(system('clerk'), application, 'read').allowed).toBe(false);
  });
});

describe('authorize: combining grants', () => {
  it('keeps "$user" in the row filter for the engine to bind', () => {
    const auth = policy.authorize(resident('applicant'), application, 'read');
    expect(auth).toEqual({
      allowed: true,
      rowFilters: [{ owner: { eq: '$user' } }],
      hiddenFields: new Set(['note']),
      readOnlyFields: new Set(['note', 'decision']),
      grants: [expect.objectContaining({ where: { owner: { eq: '$user' } } })],
    });
  });

  it('decides per action: the permission granting update carries its own row filter', () => {
    expect(policy.authorize(resident('applicant'), application, 'update').rowFilters).toEqual([
      { owner: { eq: '$user' }, status: { eq: 'draft' } },
    ]);
    expect(policy.authorize(resident('applicant'), application, 'delete').allowed).toBe(false);
  });

  it('unions the rows of several granting roles', () => {
    const auth = policy.authorize(staff('clerk', 'welfare-officer'), application, 'read');
    expect(auth.rowFilters).toEqual([{ ward: { eq: 'kita' } }, { ward: { in: ['kita', 'minami'] } }]);
  });

  it('gives every row when any granting permission has no condition, or an empty one', () => {
    expect(policy.authorize(staff('clerk', 'supervisor'), application, 'read').rowFilters).toBeNull();
    expect(policy.authorize(staff('clerk', 'everything-visible'), application, 'read').rowFilters).toBeNull();
  });

  it('lets a grant over every row decide the fields alone', () => {
    // supervisor covers every row and hides only income; clerk's conditional grant adds nothing.
    expect(policy.authorize(staff('clerk', 'supervisor'), application, 'read').hiddenFields).toEqual(
      new Set(['income']),
    );
  });

  it('never lets a grant over some rows reveal a field on rows another grant covers', () => {
    // clerk (kita) hides income, welfare-officer (kita, minami) hides note: on minami rows only
    // welfare-officer applies, so note must stay hidden, and on its rows clerk hides income.
    const auth = policy.authorize(staff('clerk', 'welfare-officer'), application, 'read');
    expect(auth.hiddenFields).toEqual(new Set(['income', 'note']));
    expect(auth.readOnlyFields).toEqual(new Set(['income', 'note', 'decision']));
  });

  it('combines grants over the same rows permissively', () => {
    const sameRows = createAccessPolicy([
      role('a', 'staff', {
        permissions: [
          {
            entity: 'Application',
            actions: ['read'],
            where: { ward: { eq: 'kita' } },
            fields: { note: 'hidden', income: 'hidden' },
          },
        ],
      }),
      role('b', 'staff', {
        permissions: [
          { entity: 'Application', actions: ['read'], where: { ward: { eq: 'kita' } }, fields: { income: 'readOnly' } },
        ],
      }),
    ]);
    const auth = sameRows.authorize(staff('a', 'b'), application, 'read');
    expect(auth.hiddenFields).toEqual(new Set());
    expect(auth.readOnlyFields).toEqual(new Set(['income']));
  });

  it('makes a field read-only only when every grant over every row hides it or makes it read-only', () => {
    const update = policy.authorize(staff('clerk', 'supervisor'), application, 'update');
    expect(update.hiddenFields).toEqual(new Set(['income']));
    expect(update.readOnlyFields).toEqual(new Set(['income']));
  });

  it('lifts every restriction when one granting permission has none', () => {
    const auth = policy.authorize(staff('clerk', 'everything-visible'), application, 'read');
    expect(auth.hiddenFields).toEqual(new Set());
    expect(auth.readOnlyFields).toEqual(new Set());
  });

  it('is not confused by a role name held twice', () => {
    expect(policy.authorize(staff('clerk', 'clerk'), application, 'read').rowFilters).toEqual([
      { ward: { eq: 'kita' } },
    ]);
  });
});

describe('the built-in admin role', () => {
  it('grants every action on every entity, every row and every field, to staff', () => {
    for (const action of ['read', 'create', 'update', 'delete'] as const) {
      for (const entity of [application, household]) {
        expect(policy.authorize(staff(ADMIN_ROLE), entity, action)).toEqual({
          allowed: true,
          rowFilters: null,
          hiddenFields: new Set(),
          readOnlyFields: new Set(),
          grants: [{}],
        });
      }
    }
  });

  it('outweighs the restrictions of the other roles a principal holds', () => {
    const auth = policy.authorize(staff('clerk', ADMIN_ROLE), application, 'read');
    expect(auth.rowFilters).toBeNull();
    expect(auth.hiddenFields).toEqual(new Set());
  });

  it('gives nothing to residents or system principals, and cannot be redefined in metadata', () => {
    expect(policy.authorize(resident(ADMIN_ROLE), application, 'delete').allowed).toBe(false);
    expect(policy.authorize(system(ADMIN_ROLE), application, 'read').allowed).toBe(false);
    expect(policy.hasCapability(resident(ADMIN_ROLE), 'audit.read')).toBe(false);
  });

  it('works with no published roles at all', () => {
    const bare = createAccessPolicy([]);
    expect(bare.authorize(staff(ADMIN_ROLE), application, 'delete').allowed).toBe(true);
    expect(bare.authorize(staff('clerk'), application, 'read').allowed).toBe(false);
  });
});

describe('hasCapability', () => {
  it('grants the capabilities of held roles of the right audience only', () => {
    expect(policy.hasCapability(staff('clerk'), 'metadata.read')).toBe(true);
    expect(policy.hasCapability(staff('clerk'), 'metadata.publish')).toBe(false);
    expect(policy.hasCapability(staff('clerk', 'supervisor'), 'audit.read')).toBe(true);
    expect(policy.hasCapability(resident('clerk'), 'metadata.read')).toBe(false);
    expect(policy.hasCapability(staff('ghost-role'), 'metadata.read')).toBe(false);
    expect(policy.hasCapability(null, 'metadata.read')).toBe(false);
  });

  it('grants the admin every capability', () => {
    for (const capability of CAPABILITIES) expect(policy.hasCapability(staff(ADMIN_ROLE), capability)).toBe(true);
  });
});
