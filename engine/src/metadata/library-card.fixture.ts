import type { EntityMetadata, FormMetadata, MetadataItem, RoleMetadata, ViewMetadata } from './types.ts';

/**
 * A complete, valid metadata set for a library-card application, shared by the tests: each
 * test breaks one thing in a fresh copy and expects exactly that to be reported.
 */

const applicant: EntityMetadata = {
  kind: 'entity',
  name: 'Applicant',
  label: { ja: '申請者', en: 'Applicant', 'ja-x-easy': 'もうしこむ ひと' },
  titleField: 'name',
  fields: [
    {
      name: 'name',
      type: 'string',
      label: { ja: '氏名', en: 'Name' },
      required: true,
      maxLength: 100,
      classification: 'personal',
    },
    {
      name: 'nameKana',
      type: 'kana',
      label: { ja: '氏名（カナ）', en: 'Name (kana)' },
      required: true,
      classification: 'personal',
    },
    {
      name: 'birthDate',
      type: 'date',
      label: { ja: '生年月日', en: 'Date of birth' },
      required: true,
      min: '1900-01-01',
      classification: 'personal',
    },
    { name: 'email', type: 'email', label: { ja: 'メールアドレス', en: 'Email' }, classification: 'personal' },
    { name: 'phone', type: 'phone', label: { ja: '電話番号', en: 'Phone' }, classification: 'personal' },
    {
      name: 'postalCode',
      type: 'postalCode',
      label: { ja: '郵便番号', en: 'Postal code' },
      classification: 'personal',
    },
    { name: 'address', type: 'text', label: { ja: '住所', en: 'Address' }, maxLength: 200, classification: 'personal' },
  ],
};

const branch: EntityMetadata = {
  kind: 'entity',
  name: 'Branch',
  label: { ja: '図書館', en: 'Library branch' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'string', label: { ja: '館名', en: 'Name' }, required: true },
    {
      name: 'code',
      type: 'string',
      label: { ja: '館コード', en: 'Code' },
      required: true,
      unique: true,
      pattern: '^[A-Z]{2}[0-9]{2}$',
    },
    {
      name: 'applications',
      type: 'collection',
      label: { ja: '申請', en: 'Applications' },
      target: 'Application',
      inverse: 'branch',
    },
  ],
};

const application: EntityMetadata = {
  kind: 'entity',
  name: 'Application',
  label: { ja: '利用カード申請', en: 'Library card application' },
  fields: [
    {
      name: 'applicant',
      type: 'reference',
      label: { ja: '申請者', en: 'Applicant' },
      required: true,
      target: 'Applicant',
    },
    {
      name: 'branch',
      type: 'reference',
      label: { ja: '受取館', en: 'Pick-up branch' },
      required: true,
      target: 'Branch',
    },
    {
      name: 'status',
      type: 'enum',
      label: { ja: '状態', en: 'Status' },
      required: true,
      default: 'submitted',
      values: [
        { value: 'submitted', label: { ja: '申請済み', en: 'Submitted' } },
        { value: 'approved', label: { ja: '承認', en: 'Approved' } },
        { value: 'rejected', label: { ja: '却下', en: 'Rejected' } },
      ],
    },
    { name: 'notes', type: 'text', label: { ja: '備考', en: 'Notes' } },
    {
      name: 'cardNumber',
      type: 'string',
      label: { ja: 'カード番号', en: 'Card number' },
      unique: true,
      pattern: '^[0-9]{10}$',
    },
  ],
  indexes: [{ fields: ['status', 'branch'] }],
};

const registrationForm: FormMetadata = {
  kind: 'form',
  name: 'applicant-registration',
  label: { ja: '申請者の登録', en: 'Applicant registration' },
  entity: 'Applicant',
  steps: [
    { name: 'person', label: { ja: 'ご本人', en: 'About you' } },
    { name: 'contact', label: { ja: '連絡先', en: 'Contact' } },
  ],
  sections: [
    {
      name: 'identity',
      label: { ja: 'お名前と生年月日', en: 'Name and date of birth' },
      step: 'person',
      fields: [
        { field: 'name', prefill: { source: 'profile', path: 'name', requiresConsent: true } },
        { field: 'nameKana', placeholder: { ja: 'ヤマダ　タロウ' } },
        { field: 'birthDate' },
      ],
    },
    {
      name: 'contact',
      label: { ja: '連絡先', en: 'Contact' },
      step: 'contact',
      fields: [
        { field: 'email' },
        { field: 'phone', visibleWhen: { field: 'email', op: 'isNull', value: true } },
        { field: 'postalCode', prefill: { source: 'profile', path: 'address.postalCode', requiresConsent: true } },
        { field: 'address', widget: 'textarea', visibleWhen: { not: { field: 'postalCode', op: 'isNull' } } },
      ],
    },
  ],
};

const cardForm: FormMetadata = {
  kind: 'form',
  name: 'card-application',
  label: { ja: '利用カードの申請', en: 'Apply for a library card' },
  entity: 'Application',
  sections: [
    {
      name: 'main',
      label: { ja: '申請内容', en: 'Application' },
      fields: [
        { field: 'applicant' },
        { field: 'branch', help: { ja: 'カードを受け取る図書館を選んでください。' } },
        {
          field: 'notes',
          visibleWhen: {
            any: [
              { field: 'status', op: 'in', value: ['submitted'] },
              { field: 'cardNumber', op: 'contains', value: '0' },
            ],
          },
        },
      ],
    },
  ],
};

const openApplications: ViewMetadata = {
  kind: 'view',
  name: 'open-applications',
  label: { ja: '未処理の申請', en: 'Open applications' },
  entity: 'Application',
  columns: [
    { field: 'applicant' },
    { field: 'branch' },
    { field: 'status' },
    { field: 'createdAt', label: { ja: '申請日時' } },
  ],
  filterable: ['status', 'branch'],
  filter: { status: { in: ['submitted'] }, createdAt: { gte: '2025-04-01T00:00:00+09:00' } },
  sort: [{ field: 'createdAt', direction: 'desc' }],
  pageSize: 50,
};

const staffRole: RoleMetadata = {
  kind: 'role',
  name: 'library-staff',
  label: { ja: '図書館職員', en: 'Library staff' },
  audience: 'staff',
  permissions: [
    { entity: 'Application', actions: ['read', 'update'] },
    { entity: 'Applicant', actions: ['read'], fields: { birthDate: 'hidden' } },
    { entity: 'Branch', actions: ['read', 'create', 'update', 'delete'] },
  ],
  capabilities: ['metadata.read'],
};

const residentRole: RoleMetadata = {
  kind: 'role',
  name: 'resident',
  label: { ja: '住民', en: 'Resident' },
  audience: 'resident',
  permissions: [
    { entity: 'Applicant', actions: ['create', 'read', 'update'], where: { owner: { eq: '$user' } } },
    {
      entity: 'Application',
      actions: ['create', 'read'],
      where: { owner: { eq: '$user' } },
      fields: { notes: 'hidden', cardNumber: 'readOnly' },
    },
    { entity: 'Branch', actions: ['read'] },
  ],
};

export function libraryCardItems(): MetadataItem[] {
  return structuredClone([
    applicant,
    branch,
    application,
    registrationForm,
    cardForm,
    openApplications,
    staffRole,
    residentRole,
  ]);
}

/** A fresh copy of one item of the set, typed by its kind. */
export function libraryCardItem<K extends MetadataItem['kind']>(
  kind: K,
  name: string,
): Extract<MetadataItem, { kind: K }> {
  const item = libraryCardItems().find((candidate) => candidate.kind === kind && candidate.name === name);
  if (!item) throw new Error(`No ${kind} ${name} in the library-card set`);
  return item as Extract<MetadataItem, { kind: K }>;
}

/** The whole set, with one item changed in place by `change`. */
export function libraryCardItemsWith<K extends MetadataItem['kind']>(
  kind: K,
  name: string,
  change: (item: Extract<MetadataItem, { kind: K }>) => void,
): MetadataItem[] {
  const items = libraryCardItems();
  const item = items.find((candidate) => candidate.kind === kind && candidate.name === name);
  if (!item) throw new Error(`No ${kind} ${name} in the library-card set`);
  change(item as Extract<MetadataItem, { kind: K }>);
  return items;
}
