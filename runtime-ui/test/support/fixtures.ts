import { recordJsonSchema } from '../../../engine/src/metadata/record-schema.ts';
import type { EntityMetadata, FormMetadata, JsonSchema, ViewMetadata } from '../../src/metadata/index.ts';

/** An entity with every field type of the metadata language. */
export const everyType: EntityMetadata = {
  kind: 'entity',
  name: 'Everything',
  label: { ja: '全項目', en: 'Everything' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'string', label: { ja: '氏名', en: 'Name' }, required: true, maxLength: 50 },
    { name: 'nameKana', type: 'kana', label: { ja: '氏名（カナ）', en: 'Name (kana)' } },
    { name: 'notes', type: 'text', label: { ja: 'メモ', en: 'Notes' } },
    { name: 'seats', type: 'integer', label: { ja: '人数', en: 'People' }, min: 1, max: 10 },
    { name: 'deposit', type: 'decimal', label: { ja: '預り金', en: 'Deposit' }, precision: 8, scale: 2, min: 0 },
    { name: 'member', type: 'boolean', label: { ja: '会員', en: 'Member' } },
    { name: 'birthDate', type: 'date', label: { ja: '生年月日', en: 'Date of birth' }, min: '1900-01-01' },
    { name: 'visitAt', type: 'datetime', label: { ja: '来庁日時', en: 'Visit' } },
    {
      name: 'ward',
      type: 'enum',
      label: { ja: '区', en: 'Ward' },
      values: [
        { value: 'kita', label: { ja: '北区', en: 'Kita' } },
        { value: 'minami', label: { ja: '南区', en: 'Minami' } },
      ],
    },
    {
      name: 'contact',
      type: 'enum',
      label: { ja: '連絡方法', en: 'Contact by' },
      values: [
        { value: 'mail', label: { ja: 'メール', en: 'Email' } },
        { value: 'phone', label: { ja: '電話', en: 'Phone' } },
      ],
    },
    { name: 'email', type: 'email', label: { ja: 'メールアドレス', en: 'Email' } },
    { name: 'phone', type: 'phone', label: { ja: '電話番号', en: 'Phone' } },
    { name: 'postalCode', type: 'postalCode', label: { ja: '郵便番号', en: 'Postal code' } },
    { name: 'extra', type: 'json', label: { ja: '追加情報', en: 'Extra' } },
    { name: 'branch', type: 'reference', target: 'Branch', label: { ja: '受取館', en: 'Branch' } },
    { name: 'visits', type: 'collection', target: 'Visit', inverse: 'person', label: { ja: '来庁', en: 'Visits' } },
  ],
};

/** All fields on one page; `contact` as radio buttons; the phone only when contact is by phone. */
export const everyTypeForm: FormMetadata = {
  kind: 'form',
  name: 'every-type',
  label: { ja: '全項目の申込み', en: 'Every field' },
  entity: 'Everything',
  sections: [
    {
      name: 'all',
      label: { ja: '入力', en: 'Entry' },
      fields: [
        { field: 'name', help: { ja: '戸籍上の氏名を入力してください。', en: 'As registered.' } },
        { field: 'nameKana' },
        { field: 'notes' },
        { field: 'seats' },
        { field: 'deposit' },
        { field: 'member' },
        { field: 'birthDate' },
        { field: 'visitAt' },
        { field: 'ward' },
        { field: 'contact', widget: 'radio' },
        { field: 'email' },
        { field: 'phone', visibleWhen: { field: 'contact', op: 'eq', value: 'phone' } },
        { field: 'postalCode' },
        { field: 'extra' },
        { field: 'branch' },
      ],
    },
  ],
};

/** A two-step form: who you are, then how to reach you. */
export const steppedForm: FormMetadata = {
  kind: 'form',
  name: 'stepped',
  label: { ja: '二段階の申込み', en: 'Two steps' },
  entity: 'Everything',
  steps: [
    { name: 'person', label: { ja: 'ご本人', en: 'You' } },
    { name: 'contact', label: { ja: '連絡先', en: 'Contact' } },
  ],
  sections: [
    { name: 'who', step: 'person', label: { ja: 'ご本人', en: 'You' }, fields: [{ field: 'name' }] },
    {
      name: 'reach',
      step: 'contact',
      label: { ja: '連絡先', en: 'Contact' },
      fields: [{ field: 'email' }, { field: 'postalCode' }],
    },
  ],
};

/** The schema `/api/openapi.json` publishes as `EverythingCreate`: built by the engine itself. */
export function publishedCreateSchema(entity: EntityMetadata): JsonSchema {
  const { $schema: _schema, ...schema } = recordJsonSchema(entity, 'create');
  return schema;
}

export const everyTypeView: ViewMetadata = {
  kind: 'view',
  name: 'everything-list',
  label: { ja: '全項目の一覧', en: 'Everything' },
  entity: 'Everything',
  columns: [{ field: 'name' }, { field: 'ward' }, { field: 'birthDate' }, { field: 'createdAt' }],
  filterable: ['name', 'ward'],
  filter: { member: { eq: true } },
  sort: [{ field: 'createdAt', direction: 'desc' }],
  pageSize: 2,
};

/** A record of `everyType` as the API returns it, for the detail view. */
export const sampleRecord = {
  id: '0b7a2f8e-4a51-4c3e-9a0e-3f1f5d2b8c01',
  name: '山田太郎',
  nameKana: 'ヤマダタロウ',
  birthDate: '2019-05-01',
  visitAt: '2026-11-25T01:30:00.000Z',
  ward: 'kita',
  member: true,
  deposit: '1234567.5',
  notes: null,
  branch: '6d1c1f0e-2b7b-4d8f-8f5e-1a2b3c4d5e6f',
};

export const sampleWorkflow = {
  state: 'submitted',
  stateLabel: '受付済み',
  transitions: [
    { name: 'approve', label: '承認する' },
    { name: 'reject', label: '却下する' },
  ],
};

export const sampleHistory = [
  { at: '2026-11-25T01:30:00.000Z', actor: '山田太郎', to: '受付済み', comment: 'オンライン申請' },
];
