import { describe, expect, it } from 'vitest';
import { libraryCardItemsWith } from './library-card.fixture.ts';
import { checkSemantics } from './semantic-checks.ts';
import type { EntityMetadata, FieldDefinition, MetadataError } from './types.ts';

/** The library-card set with one entity changed; the errors checkSemantics finds in it. */
function errorsAfter(entityName: string, change: (entity: EntityMetadata) => void): MetadataError[] {
  return checkSemantics(libraryCardItemsWith('entity', entityName, change));
}

function field(entity: EntityMetadata, name: string): FieldDefinition {
  const found = entity.fields.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`fixture has no field ${name}`);
  return found;
}

describe('entity checks', () => {
  it('refuses a field name used twice', () => {
    const errors = errorsAfter('Applicant', (entity) => {
      entity.fields.push({ name: 'email', type: 'string', label: { ja: '予備のメール' } });
    });
    expect(errors).toEqual([
      {
        kind: 'entity',
        name: 'Applicant',
        pointer: '/fields/7/name',
        code: 'semantic.duplicateField',
        message: {
          ja: 'フィールド名「email」は fields[3] と重複しています。',
          en: 'The field name "email" is already used by fields[3].',
        },
      },
    ]);
  });

  it('refuses system property names in any letter case', () => {
    const errors = errorsAfter('Applicant', (entity) => {
      entity.fields.push({ name: 'createdat', type: 'datetime', label: { ja: '作成' } });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/7/name',
        code: 'semantic.reservedFieldName',
        message: {
          ja: 'フィールド名「createdat」はシステムが使う名前（id, version, owner, createdAt, updatedAt）なので使えません。',
          en: 'The field name "createdat" is reserved for the system (id, version, owner, createdAt, updatedAt).',
        },
      }),
    ]);
  });

  it('refuses a name whose column is a system column', () => {
    const errors = errorsAfter('Applicant', (entity) => {
      entity.fields.push({ name: 'ownerId', type: 'string', label: { ja: '所有者番号' } });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/7/name',
        code: 'semantic.columnCollision',
        message: {
          ja: 'フィールド「ownerId」はデータベースの列「owner_id」に保存されますが、この列はシステムの項目「owner」が使っています。別の名前にしてください。',
          en: 'The field "ownerId" would be stored in the column "owner_id", which the system property "owner" already uses. Choose another name.',
        },
      }),
    ]);
  });

  it('refuses a name whose column is that of a reference field', () => {
    const errors = errorsAfter('Application', (entity) => {
      entity.fields.push({ name: 'applicantId', type: 'string', label: { ja: '申請者番号' } });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/5/name',
        code: 'semantic.columnCollision',
        message: {
          ja: 'フィールド「applicantId」はデータベースの列「applicant_id」に保存されますが、この列はフィールド「applicant」が使っています。別の名前にしてください。',
          en: 'The field "applicantId" would be stored in the column "applicant_id", which the field "applicant" already uses. Choose another name.',
        },
      }),
    ]);
  });

  it('requires the target of a reference to exist, suggesting a close name', () => {
    const errors = errorsAfter('Application', (entity) => {
      field(entity, 'branch').target = 'Brunch';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/1/target',
        code: 'semantic.unknownEntity',
        message: {
          ja: 'fields[1].target に指定したエンティティ「Brunch」はありません。もしかして「Branch」ですか？',
          en: 'fields[1].target names the entity "Brunch", which does not exist. Did you mean "Branch"?',
        },
      }),
    ]);
  });

  it('requires the inverse of a collection to be a field of the target', () => {
    const errors = errorsAfter('Branch', (entity) => {
      field(entity, 'applications').inverse = 'library';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/inverse',
        code: 'semantic.invalidInverse',
        message: {
          ja: 'エンティティ「Application」にフィールド「library」はありません。',
          en: 'The entity "Application" has no field "library".',
        },
      }),
    ]);
  });

  it('requires the inverse of a collection to be a reference', () => {
    const errors = errorsAfter('Branch', (entity) => {
      field(entity, 'applications').inverse = 'notes';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/inverse',
        code: 'semantic.invalidInverse',
        message: {
          ja: 'Application.notes は参照（reference）フィールドではないので、逆参照に使えません（型: text）。',
          en: 'Application.notes is not a reference field (it is text), so it cannot be the inverse.',
        },
      }),
    ]);
  });

  it('requires the inverse of a collection to point back at this entity', () => {
    const errors = errorsAfter('Branch', (entity) => {
      field(entity, 'applications').inverse = 'applicant';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/inverse',
        code: 'semantic.invalidInverse',
        message: {
          ja: 'Application.applicant は「Branch」ではなく「Applicant」を参照しているので、逆参照に使えません。',
          en: 'Application.applicant refers to "Applicant", not to "Branch", so it cannot be the inverse.',
        },
      }),
    ]);
  });

  it('requires an enum default to be one of the values', () => {
    const errors = errorsAfter('Application', (entity) => {
      field(entity, 'status').default = 'sent';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/default',
        code: 'semantic.invalidDefault',
        message: {
          ja: 'fields[2].default に "sent" は使えません。使える値: "submitted", "approved", "rejected"。',
          en: 'fields[2].default cannot be "sent". Allowed values: "submitted", "approved", "rejected".',
        },
      }),
    ]);
  });

  it('requires a default to be a valid value of its field type', () => {
    const errors = errorsAfter('Applicant', (entity) => {
      field(entity, 'postalCode').default = '123-4567';
      field(entity, 'birthDate').default = '2000-02-30';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/default',
        code: 'semantic.invalidDefault',
        message: {
          ja: 'fields[2].default は日付（YYYY-MM-DD、例: 2025-04-01）で入力してください。',
          en: 'fields[2].default must be a date as YYYY-MM-DD (e.g. 2025-04-01).',
        },
      }),
      expect.objectContaining({
        pointer: '/fields/5/default',
        code: 'semantic.invalidDefault',
        message: {
          ja: 'fields[5].default の "123-4567" は形式が正しくありません。郵便番号はハイフンなしの 7 桁の数字で入力してください（例: 1000001）。',
          en: 'fields[5].default: "123-4567" is not valid. Enter the postal code as 7 digits without a hyphen (e.g. 1000001).',
        },
      }),
    ]);
  });

  it('refuses an enum value listed twice', () => {
    const errors = errorsAfter('Application', (entity) => {
      field(entity, 'status').values?.push({ value: 'approved', label: { ja: '承認済み' } });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/values/3/value',
        code: 'semantic.duplicateEnumValue',
        message: { ja: '選択肢の値「approved」が重複しています。', en: 'The value "approved" appears more than once.' },
      }),
    ]);
  });

  it('requires min ≤ max, for numbers and for dates', () => {
    const errors = errorsAfter('Applicant', (entity) => {
      field(entity, 'birthDate').max = '1899-12-31';
      entity.fields.push({ name: 'visits', type: 'integer', label: { ja: '来館回数' }, min: 10, max: 5 });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/2/min',
        code: 'semantic.rangeInverted',
        message: {
          ja: 'min（1900-01-01）が max（1899-12-31）より大きくなっています。',
          en: 'min (1900-01-01) is greater than max (1899-12-31).',
        },
      }),
      expect.objectContaining({ pointer: '/fields/7/min', code: 'semantic.rangeInverted' }),
    ]);
  });

  it('requires minLength ≤ maxLength', () => {
    const errors = errorsAfter('Applicant', (entity) => {
      field(entity, 'name').minLength = 200;
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/0/minLength',
        code: 'semantic.rangeInverted',
        message: {
          ja: 'minLength（200）が maxLength（100）より大きくなっています。',
          en: 'minLength (200) is greater than maxLength (100).',
        },
      }),
    ]);
  });

  it('requires scale ≤ precision', () => {
    const errors = errorsAfter('Application', (entity) => {
      entity.fields.push({ name: 'fee', type: 'decimal', label: { ja: '手数料' }, precision: 4, scale: 6, default: 1 });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/5/scale',
        code: 'semantic.scaleExceedsPrecision',
        message: {
          ja: '小数点以下の桁数 scale（6）が全体の桁数 precision（4）を超えています。',
          en: 'scale (6) is greater than precision (4).',
        },
      }),
    ]);
  });

  it('requires a pattern to be a valid unicode regular expression', () => {
    const errors = errorsAfter('Branch', (entity) => {
      field(entity, 'code').pattern = '^[A-Z{2}$';
      field(entity, 'code').default = 'AB12';
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/fields/1/pattern',
        code: 'semantic.invalidPattern',
        message: {
          ja: expect.stringMatching(/^pattern の正規表現「\^\[A-Z\{2\}\$」を読み取れません（.+）。$/),
          en: expect.stringMatching(/^The regular expression "\^\[A-Z\{2\}\$" in pattern is not valid \(.+\)\.$/),
        },
      }),
    ]);
  });

  it('requires titleField and index fields to be stored fields of the entity', () => {
    const errors = errorsAfter('Branch', (entity) => {
      entity.titleField = 'nmae';
      entity.indexes = [{ fields: ['code', 'applications'] }];
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/titleField',
        code: 'semantic.unknownField',
        message: {
          ja: 'エンティティ「Branch」にフィールド「nmae」はありません。もしかして「name」ですか？',
          en: 'The entity "Branch" has no field "nmae". Did you mean "name"?',
        },
      }),
      expect.objectContaining({
        pointer: '/indexes/0/fields/1',
        code: 'semantic.collectionNotAllowed',
        message: {
          ja: 'フィールド「applications」は一覧（collection）なので、ここでは使えません。',
          en: 'The field "applications" is a collection and cannot be used here.',
        },
      }),
    ]);
  });
});
