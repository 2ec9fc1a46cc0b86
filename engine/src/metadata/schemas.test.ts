import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { libraryCardItem, libraryCardItems } from './library-card.fixture.ts';
import { validateItemShape, validateManifestShape } from './schemas.ts';
import { FIELD_TYPES, type MetadataItem, type PackageManifest } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests break items in ways their types forbid
type Loose = any;

/** A fresh fixture item as plain JSON, to be broken in ways its type would not allow. */
function json(kind: MetadataItem['kind'], name: string): Loose {
  return libraryCardItem(kind, name);
}

const manifest: PackageManifest = {
  name: '@city/library-card',
  version: '1.2.0-rc.1',
  description: { ja: '図書館利用カード' },
  requires: { plugins: { 'resident-id': '^1.2.0', mail: '>=1.0.0 <2.0.0 || 3.x' }, packages: { '@city/base': '~1.2' } },
  contents: [
    { kind: 'entity', name: 'Applicant', file: 'entities/applicant.json' },
    { kind: 'form', name: 'card-application', file: 'forms/card-application.json' },
  ],
};

describe('validateItemShape', () => {
  it('accepts every item of the library-card set, and a $schema reference for editors', () => {
    for (const item of libraryCardItems()) expect(validateItemShape(item)).toEqual([]);
    expect(validateItemShape({ $schema: '../schema/entity.json', ...libraryCardItem('entity', 'Branch') })).toEqual([]);
  });

  it('reports a missing required property at its own pointer', () => {
    const entity = json('entity', 'Applicant');
    delete entity.fields[0].label;
    expect(validateItemShape(entity)).toEqual([
      {
        kind: 'entity',
        name: 'Applicant',
        pointer: '/fields/0/label',
        code: 'schema.required',
        message: {
          ja: 'fields[0] に必須の項目「label」がありません。',
          en: 'fields[0] is missing the required property "label".',
        },
      },
    ]);
  });

  it('names an unknown property', () => {
    const view = json('view', 'open-applications');
    view.colour = 'red';
    view.label.jp = '一覧';
    expect(validateItemShape(view)).toEqual([
      expect.objectContaining({
        pointer: '/colour',
        code: 'schema.additionalProperties',
        message: { ja: '不明な項目「colour」があります。', en: 'There is an unknown property "colour".' },
      }),
      expect.objectContaining({
        pointer: '/label/jp',
        code: 'schema.additionalProperties',
        message: { ja: 'label に不明な項目「jp」があります。', en: 'label has an unknown property "jp".' },
      }),
    ]);
  });

  it('says which field type an option does not fit', () => {
    const entity = json('entity', 'Applicant');
    entity.fields[0].precision = 3;
    entity.fields[2].values = [];
    expect(validateItemShape(entity)).toEqual([
      expect.objectContaining({
        pointer: '/fields/0/precision',
        code: 'schema.additionalProperties',
        message: {
          ja: 'fields[0] の項目「precision」は、型「string」のフィールドでは使えません。',
          en: 'fields[0] has the property "precision", which fields of type "string" do not take.',
        },
      }),
      expect.objectContaining({ pointer: '/fields/2/values', code: 'schema.additionalProperties' }),
    ]);
  });

  it('requires values for enum, target for reference, target and inverse for collection', () => {
    const entity = json('entity', 'Application');
    delete entity.fields[2].values;
    delete entity.fields[2].default;
    delete entity.fields[0].target;
    entity.fields.push({ name: 'copies', type: 'collection', label: { ja: '複製' }, target: 'Application' });
    expect(validateItemShape(entity).map((error) => [error.pointer, error.code])).toEqual([
      ['/fields/0/target', 'schema.required'],
      ['/fields/2/values', 'schema.required'],
      ['/fields/5/inverse', 'schema.required'],
    ]);
  });

  it('reports an unknown field type once, not its options as well', () => {
    const entity = json('entity', 'Applicant');
    entity.fields[0].type = 'strng';
    expect(validateItemShape(entity)).toEqual([
      expect.objectContaining({
        pointer: '/fields/0/type',
        code: 'schema.enum',
        message: {
          ja: `fields[0].type に "strng" は使えません。使える値: ${FIELD_TYPES.map((t) => `"${t}"`).join(', ')}。`,
          en: `fields[0].type cannot be "strng". Allowed values: ${FIELD_TYPES.map((t) => `"${t}"`).join(', ')}.`,
        },
      }),
    ]);
  });

  it('reports a wrong type once, even inside a type-specific option', () => {
    const entity = json('entity', 'Applicant');
    entity.fields[0].maxLength = '100';
    entity.fields[0].required = 'yes';
    expect(validateItemShape(entity)).toEqual([
      expect.objectContaining({
        pointer: '/fields/0/required',
        code: 'schema.type',
        message: {
          ja: 'fields[0].required は真偽値（true または false）でなければなりません。',
          en: 'fields[0].required must be true or false.',
        },
      }),
      expect.objectContaining({
        pointer: '/fields/0/maxLength',
        code: 'schema.type',
        message: {
          ja: 'fields[0].maxLength は整数でなければなりません。',
          en: 'fields[0].maxLength must be a whole number.',
        },
      }),
    ]);
  });

  it('explains what names look like', () => {
    const entity = json('entity', 'Applicant');
    entity.name = 'applicant';
    entity.fields[1].name = 'name_kana';
    const form = json('form', 'card-application');
    form.name = 'CardApplication';
    expect([...validateItemShape(entity), ...validateItemShape(form)]).toEqual([
      expect.objectContaining({
        pointer: '/name',
        code: 'schema.pattern',
        message: {
          ja: 'name の "applicant" は形式が正しくありません。エンティティ名は英大文字で始まる英数字で書きます（63 文字まで、例: Applicant）。',
          en: 'name: "applicant" is not valid. An entity name starts with an upper-case letter followed by letters and digits (up to 63, e.g. Applicant).',
        },
      }),
      expect.objectContaining({
        pointer: '/fields/1/name',
        code: 'schema.pattern',
        message: {
          ja: 'fields[1].name の "name_kana" は形式が正しくありません。フィールド名は英小文字で始まる英数字で書きます（63 文字まで、例: birthDate）。',
          en: 'fields[1].name: "name_kana" is not valid. A field name starts with a lower-case letter followed by letters and digits (up to 63, e.g. birthDate).',
        },
      }),
      expect.objectContaining({
        pointer: '/name',
        code: 'schema.pattern',
        message: {
          ja: 'name の "CardApplication" は形式が正しくありません。名前は英小文字で始め、英小文字・数字と 1 つずつのハイフンで書きます（63 文字まで、例: card-application）。',
          en: 'name: "CardApplication" is not valid. A name starts with a lower-case letter and uses lower-case letters, digits and single hyphens (up to 63, e.g. card-application).',
        },
      }),
    ]);
  });

  it('explains a bad field name used as a filter key', () => {
    const view = json('view', 'open-applications');
    view.filter = { Status: { eq: 'submitted' } };
    expect(validateItemShape(view)).toEqual([
      expect.objectContaining({
        pointer: '/filter/Status',
        code: 'schema.pattern',
        message: {
          ja: 'filter の名前「Status」は使えません。フィールド名は英小文字で始まる英数字で書きます（63 文字まで、例: birthDate）。',
          en: 'filter cannot use the name "Status". A field name starts with a lower-case letter followed by letters and digits (up to 63, e.g. birthDate).',
        },
      }),
    ]);
  });

  it('reports const, limits, item counts, duplicates and formats', () => {
    const form = json('form', 'applicant-registration');
    form.sections[0].fields[0].prefill.source = 'my-number';
    form.label.ja = '';
    form.sections[1].fields = [];
    const view = json('view', 'open-applications');
    view.pageSize = 0;
    view.filterable = ['status', 'status'];
    const entity = json('entity', 'Applicant');
    entity.fields[2].min = '1900-13-01';
    const problems = [...validateItemShape(form), ...validateItemShape(view), ...validateItemShape(entity)];
    expect(problems.map(({ pointer, code, message }) => ({ pointer, code, ...message }))).toEqual([
      {
        pointer: '/label/ja',
        code: 'schema.minLength',
        ja: 'label.ja を空にはできません。',
        en: 'label.ja must not be empty.',
      },
      {
        pointer: '/sections/0/fields/0/prefill/source',
        code: 'schema.const',
        ja: 'sections[0].fields[0].prefill.source は "profile" でなければなりません。',
        en: 'sections[0].fields[0].prefill.source must be "profile".',
      },
      {
        pointer: '/sections/1/fields',
        code: 'schema.minItems',
        ja: 'sections[1].fields には 1 件以上必要です。',
        en: 'sections[1].fields must have at least 1 entry.',
      },
      {
        pointer: '/filterable/1',
        code: 'schema.uniqueItems',
        ja: 'filterable の 0 番目と 1 番目（0 から数えて）が重複しています。',
        en: 'filterable has the same entry at positions 0 and 1 (counting from 0).',
      },
      {
        pointer: '/pageSize',
        code: 'schema.minimum',
        ja: 'pageSize は 1 以上にしてください。',
        en: 'pageSize must be 1 or more.',
      },
      {
        pointer: '/fields/2/min',
        code: 'schema.format',
        ja: 'fields[2].min は日付（YYYY-MM-DD、例: 2025-04-01）で入力してください。',
        en: 'fields[2].min must be a date as YYYY-MM-DD (e.g. 2025-04-01).',
      },
    ]);
  });

  it('reports one problem per mistake inside nested conditions', () => {
    const form = json('form', 'card-application');
    form.sections[0].visibleWhen = {
      all: [
        { field: 'status', op: 'eq' },
        { any: [], extra: true },
      ],
    };
    expect(validateItemShape(form).map((error) => [error.pointer, error.code])).toEqual([
      ['/sections/0/visibleWhen/all/0/value', 'schema.required'],
      ['/sections/0/visibleWhen/all/1/extra', 'schema.additionalProperties'],
      ['/sections/0/visibleWhen/all/1/any', 'schema.minItems'],
    ]);
  });

  it('needs a known kind, and an object at all', () => {
    expect(validateItemShape({ name: 'x' })).toEqual([
      {
        name: 'x',
        pointer: '/kind',
        code: 'schema.kind',
        message: {
          ja: '定義の種類「kind」がありません。entity, form, view, role, rule, workflow, page, report, dashboard, agent のどれかを指定してください。',
          en: 'The definition has no "kind". Give one of entity, form, view, role, rule, workflow, page, report, dashboard, agent.',
        },
      },
    ]);
    expect(validateItemShape({ kind: 'screen', name: 'home' })).toEqual([
      expect.objectContaining({
        pointer: '/kind',
        code: 'schema.kind',
        message: {
          ja: '定義の種類 "screen" は使えません。entity, form, view, role, rule, workflow, page, report, dashboard, agent のどれかを指定してください。',
          en: 'The kind "screen" is not known. Give one of entity, form, view, role, rule, workflow, page, report, dashboard, agent.',
        },
      }),
    ]);
    expect(validateItemShape([])).toEqual([expect.objectContaining({ pointer: '', code: 'schema.type' })]);
  });
});

describe('validateManifestShape', () => {
  it('accepts a manifest with semver versions and ranges', () => {
    expect(validateManifestShape(manifest)).toEqual([]);
  });

  it('refuses versions, ranges, names and paths that are not well formed', () => {
    const broken = {
      ...manifest,
      version: '1.2',
      requires: { plugins: { 'Resident ID': '^1', mail: 'latest' } },
      contents: [{ kind: 'entity', name: 'applicant', file: '../applicant.json' }],
    };
    expect(validateManifestShape(broken).map(({ kind, name, pointer, code }) => [kind, name, pointer, code])).toEqual([
      ['package', '@city/library-card', '/version', 'schema.pattern'],
      ['package', '@city/library-card', '/requires/plugins/Resident ID', 'schema.pattern'],
      ['package', '@city/library-card', '/requires/plugins/mail', 'schema.pattern'],
      ['package', '@city/library-card', '/contents/0/name', 'schema.pattern'],
      ['package', '@city/library-card', '/contents/0/file', 'schema.pattern'],
    ]);
    expect(validateManifestShape(broken)[0].message).toEqual({
      ja: 'version の "1.2" は形式が正しくありません。バージョンはセマンティックバージョニングの「メジャー.マイナー.パッチ」で書きます（例: 1.2.0）。',
      en: 'version: "1.2" is not valid. A version is major.minor.patch in semantic versioning (e.g. 1.2.0).',
    });
  });
});

describe('the schema files', () => {
  const dir = fileURLToPath(new URL('.', import.meta.resolve('@kiban/metadata/schema/common.json')));
  const schemas = readdirSync(dir).map((file) => ({
    file,
    schema: JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')),
  }));

  // `if` subschemas only test a discriminator that is described where it is declared.
  it('describe every property and definition in Japanese and English, for editor completion', () => {
    const undescribed: string[] = [];
    const visit = (node: unknown, path: string, mustDescribe: boolean) => {
      if (node === null || typeof node !== 'object') return;
      const schema = node as Record<string, unknown>;
      const description = schema.description;
      if (mustDescribe && (typeof description !== 'string' || description.split(/(?<=。) ?\/ /).length !== 2)) {
        undescribed.push(path);
      }
      for (const [key, child] of Object.entries(schema)) {
        const describesChildren = key === 'properties' || key === '$defs';
        if (describesChildren && child && typeof child === 'object') {
          for (const [name, sub] of Object.entries(child))
            visit(sub, `${path}/${key}/${name}`, typeof sub === 'object');
        } else if (typeof child === 'object' && key !== 'enum' && key !== 'if') {
          visit(child, `${path}/${key}`, false);
        }
      }
    };
    for (const { file, schema } of schemas) visit(schema, file, true);
    expect(undescribed).toEqual([]);
  });

  it('list exactly the field types of the TypeScript contract', () => {
    const entity = schemas.find(({ file }) => file === 'entity.json')?.schema;
    expect(entity.$defs.builtInFieldType.enum).toEqual([...FIELD_TYPES]);
  });
});
