import { describe, expect, it } from 'vitest';
import { libraryCardItem } from './library-card.fixture.ts';
import { recordJsonSchema } from './record-schema.ts';
import { compileRecordValidator } from './record-validator.ts';
import type { EntityMetadata, FieldDefinition } from './types.ts';

const UUID = '0b6f3c1e-8a4d-4f7b-9c2e-1d5a6b7c8d9e';

/** An entity with the one field under test, so each case sees only that field's rules. */
function entityWith(field: Omit<FieldDefinition, 'name' | 'label'>): EntityMetadata {
  return {
    kind: 'entity',
    name: 'Sample',
    label: { ja: '見本' },
    fields: [{ name: 'value', label: { ja: '値' }, ...field }],
  };
}

function accepts(field: Omit<FieldDefinition, 'name' | 'label'>, value: unknown): boolean {
  return compileRecordValidator(entityWith(field), 'update')({ value }).length === 0;
}

const cases: { field: Omit<FieldDefinition, 'name' | 'label'>; valid: unknown[]; invalid: unknown[] }[] = [
  { field: { type: 'string' }, valid: ['', 'あ'.repeat(255)], invalid: [1, 'あ'.repeat(256)] },
  {
    field: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z]+$' },
    valid: ['ab'],
    invalid: ['a', 'abcd', 'AB'],
  },
  { field: { type: 'text' }, valid: ['x'.repeat(10_000)], invalid: [true] },
  {
    field: { type: 'kana' },
    valid: ['ヤマダ タロウ', 'ヤマダ\u3000ハナコ', 'ヴィクトリア・ロー'],
    invalid: ['やまだ', 'ﾔﾏﾀﾞ', ' ヤマダ', 'Yamada'],
  },
  { field: { type: 'kana', pattern: '^ア' }, valid: ['アイ'], invalid: ['イア', 'あい'] },
  { field: { type: 'email' }, valid: ['hanako@example.jp'], invalid: ['hanako@', `${'a'.repeat(250)}@x.jp`] },
  {
    field: { type: 'phone' },
    valid: ['03-1234-5678', '0312345678', '090-1234-5678', '+81-3-1234-5678', '+819012345678'],
    invalid: ['03-1234-567', '3-1234-5678', '03--1234-5678', '090-1234-56789', '+81-03-1234-5678'],
  },
  { field: { type: 'postalCode' }, valid: ['1000001'], invalid: ['100-0001', '100001', '１０００００１'] },
  { field: { type: 'integer', min: 0, max: 150 }, valid: [0, 150], invalid: [-1, 151, 1.5, '3'] },
  { field: { type: 'integer' }, valid: [2_147_483_647], invalid: [2_147_483_648] },
  {
    field: { type: 'decimal', precision: 5, scale: 2, min: 0 },
    valid: [0, 999.99, '123.45', '0.5', '999'],
    invalid: [-1, 1000, '1000.00', '1.234', '1e3', 'abc', true],
  },
  {
    field: { type: 'decimal', min: 10, max: 20 },
    valid: ['10', '15.50', '20.00', 10, 20],
    invalid: ['9.99', '-15', '20.01', 9.99, 20.01],
  },
  { field: { type: 'decimal' }, valid: ['1234567890123456.78', 12.5], invalid: ['12345678901234567'] },
  { field: { type: 'boolean' }, valid: [true, false], invalid: ['true', 0] },
  {
    field: { type: 'date', min: '2000-01-01' },
    valid: ['2024-02-29'],
    invalid: ['2023-02-29', '1999-12-31', '2024-1-1'],
  },
  {
    field: { type: 'datetime', max: '2030-01-01T00:00:00Z' },
    valid: ['2025-04-01T09:30:00+09:00', '2025-04-01T00:30:00.123Z'],
    invalid: ['2025-04-01T09:30:00', '2025-04-01', '2031-01-01T00:00:00Z'],
  },
  {
    field: { type: 'enum', values: [{ value: 'a', label: { ja: 'A' } }] },
    valid: ['a'],
    invalid: ['b', 1],
  },
  { field: { type: 'json' }, valid: [{ a: [1] }, [1], 'x', 0, false], invalid: [] },
  { field: { type: 'reference', target: 'Sample' }, valid: [UUID], invalid: ['42', 42] },
];

describe('recordJsonSchema', () => {
  for (const { field, valid, invalid } of cases) {
    const name = `${field.type} ${JSON.stringify(field).slice(0, 60)}`;
    it(`holds ${name} to its values`, () => {
      for (const value of valid) expect(accepts(field, value), `${JSON.stringify(value)} should pass`).toBe(true);
      for (const value of invalid) expect(accepts(field, value), `${JSON.stringify(value)} should fail`).toBe(false);
    });
  }

  it('requires on create the required fields without a default, and accepts null for optional ones', () => {
    const application = libraryCardItem('entity', 'Application');
    const validate = compileRecordValidator(application, 'create');
    expect(validate({ applicant: UUID, branch: UUID, notes: null, cardNumber: null })).toEqual([]);
    expect(validate({ applicant: UUID })).toEqual([
      {
        pointer: '/branch',
        code: 'schema.required',
        message: { ja: '必須の項目「受取館」がありません。', en: 'The required property "Pick-up branch" is missing.' },
      },
    ]);
    expect(recordJsonSchema(application, 'create').properties).toMatchObject({
      status: { title: '状態', default: 'submitted', enum: ['submitted', 'approved', 'rejected'] },
    });
  });

  it('requires nothing on update, but keeps required fields from becoming null', () => {
    const validate = compileRecordValidator(libraryCardItem('entity', 'Application'), 'update');
    expect(validate({})).toEqual([]);
    expect(validate({ notes: null })).toEqual([]);
    expect(validate({ branch: null })).toEqual([
      {
        pointer: '/branch',
        code: 'schema.type',
        message: { ja: '「受取館」は文字列でなければなりません。', en: '"Pick-up branch" must be a string.' },
      },
    ]);
  });

  it('refuses unknown properties in every mode, system properties included outside read', () => {
    const branch = libraryCardItem('entity', 'Branch');
    for (const mode of ['create', 'update', 'read'] as const) {
      expect(compileRecordValidator(branch, mode)({ name: '中央館', code: 'CH01', colour: 'red' })).toContainEqual({
        pointer: '/colour',
        code: 'schema.additionalProperties',
        message: { ja: '不明な項目「colour」があります。', en: 'There is an unknown property "colour".' },
      });
    }
    expect(compileRecordValidator(branch, 'update')({ id: UUID })).toEqual([
      expect.objectContaining({ pointer: '/id', code: 'schema.additionalProperties' }),
    ]);
  });

  it('leaves collections out of records', () => {
    expect(Object.keys(recordJsonSchema(libraryCardItem('entity', 'Branch'), 'create').properties as object)).toEqual([
      'name',
      'code',
    ]);
  });

  it('describes records as read with their system properties', () => {
    const validate = compileRecordValidator(libraryCardItem('entity', 'Branch'), 'read');
    const system = {
      id: UUID,
      version: 3,
      owner: null,
      createdAt: '2025-04-01T00:00:00.000Z',
      updatedAt: '2025-04-02T00:00:00.000Z',
    };
    expect(validate({ ...system, name: '中央館', code: 'CH01' })).toEqual([]);
    // Field policies may hide fields, so none is required on read.
    expect(validate(system)).toEqual([]);
    expect(validate({ ...system, id: undefined, version: 'three' }).map((problem) => problem.pointer)).toEqual([
      '/id',
      '/version',
    ]);
  });

  it('is plain JSON, titled in Japanese', () => {
    const schema = recordJsonSchema(libraryCardItem('entity', 'Applicant'), 'create');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(schema).toMatchObject({ title: '申請者', required: ['name', 'nameKana', 'birthDate'] });
  });

  it('compiles a validator once per entity and mode', () => {
    const applicant = libraryCardItem('entity', 'Applicant');
    expect(compileRecordValidator(applicant, 'create')).toBe(compileRecordValidator(applicant, 'create'));
    expect(compileRecordValidator(applicant, 'create')).not.toBe(compileRecordValidator(applicant, 'update'));
  });

  it('names fields by their label in messages', () => {
    const validate = compileRecordValidator(libraryCardItem('entity', 'Applicant'), 'update');
    expect(validate({ nameKana: 'やまだ', name: 'x'.repeat(101) })).toEqual([
      {
        pointer: '/name',
        code: 'schema.maxLength',
        message: { ja: '「氏名」は 100 文字以下にしてください。', en: '"Name" must be at most 100 characters long.' },
      },
      {
        pointer: '/nameKana',
        code: 'schema.pattern',
        message: {
          ja: '「氏名（カナ）」の "やまだ" は形式が正しくありません。全角カタカナで入力してください（ー・・・スペースも使えます）。',
          en: '"Name (kana)": "やまだ" is not valid. Enter full-width katakana (ー, ・ and spaces are allowed).',
        },
      },
    ]);
  });
});
