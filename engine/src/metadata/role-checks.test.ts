import { describe, expect, it } from 'vitest';
import { libraryCardItemsWith } from './library-card.fixture.ts';
import { checkSemantics } from './semantic-checks.ts';
import type { MetadataError, RoleMetadata } from './types.ts';

function errorsAfter(change: (role: RoleMetadata) => void): MetadataError[] {
  return checkSemantics(libraryCardItemsWith('role', 'resident', change));
}

describe('role checks', () => {
  it('requires the permission entity to exist', () => {
    const errors = errorsAfter((role) => {
      role.permissions[2].entity = 'Library';
    });
    expect(errors).toEqual([
      {
        kind: 'role',
        name: 'resident',
        pointer: '/permissions/2/entity',
        code: 'semantic.unknownEntity',
        message: {
          ja: 'permissions[2].entity に指定したエンティティ「Library」はありません。',
          en: 'permissions[2].entity names the entity "Library", which does not exist.',
        },
      },
    ]);
  });

  it('requires restricted fields to be fields of the entity', () => {
    const errors = errorsAfter((role) => {
      role.permissions[1].fields = { note: 'hidden' };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/permissions/1/fields/note',
        code: 'semantic.unknownField',
        message: {
          ja: 'エンティティ「Application」にフィールド「note」はありません。もしかして「notes」ですか？',
          en: 'The entity "Application" has no field "note". Did you mean "notes"?',
        },
      }),
    ]);
  });

  it('requires where fields to exist, system properties included', () => {
    const errors = errorsAfter((role) => {
      role.permissions[1].where = { id: { ne: '$user' }, updatedAt: { isNull: false }, owners: { eq: '$user' } };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/permissions/1/where/owners',
        code: 'semantic.unknownField',
        message: {
          ja: 'エンティティ「Application」にフィールド「owners」はありません。もしかして「owner」ですか？',
          en: 'The entity "Application" has no field "owners". Did you mean "owner"?',
        },
      }),
    ]);
  });

  it('allows "$user" only against owner, id or a reference field', () => {
    const errors = errorsAfter((role) => {
      role.permissions[1].where = { applicant: { in: ['$user'] }, notes: { eq: '$user' }, owner: { gt: '$user' } };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/permissions/1/where/notes/eq',
        code: 'semantic.userValue',
        message: {
          ja: '"$user"（ログイン中の利用者）は owner・id・参照フィールドとの eq・ne・in の比較にだけ使えます（ここではフィールド「notes」、型: text、演算子: eq）。',
          en: '"$user" (the signed-in user) can only be compared with eq, ne or in against owner, id or a reference field (here: field "notes", type text, operator eq).',
        },
      }),
      expect.objectContaining({ pointer: '/permissions/1/where/owner/gt', code: 'semantic.operatorNotApplicable' }),
    ]);
  });

  it('checks other where values against the field', () => {
    const errors = errorsAfter((role) => {
      role.permissions[1].where = { status: { ne: 'draft' } };
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/permissions/1/where/status/ne',
        code: 'semantic.invalidFilterValue',
        message: {
          ja: 'permissions[1].where.status.ne に "draft" は使えません。使える値: "submitted", "approved", "rejected"。',
          en: 'permissions[1].where.status.ne cannot be "draft". Allowed values: "submitted", "approved", "rejected".',
        },
      }),
    ]);
  });
});
