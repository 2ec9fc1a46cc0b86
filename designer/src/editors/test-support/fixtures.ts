import type { EntityMetadata, FormMetadata } from '@kiban/runtime-ui';

/** A published entity with a field of most kinds; frozen so that a test fails if an editor mutates it. */
export const applicant: EntityMetadata = deepFreeze({
  kind: 'entity',
  name: 'Applicant',
  label: { ja: '申請者', en: 'Applicant' },
  titleField: 'name',
  fields: [
    { name: 'name', type: 'string', label: { ja: '氏名', en: 'Name' }, required: true, maxLength: 50 },
    { name: 'birthDate', type: 'date', label: { ja: '生年月日', en: 'Date of birth' }, classification: 'personal' },
    {
      name: 'contact',
      type: 'enum',
      label: { ja: '連絡方法', en: 'Contact by' },
      values: [
        { value: 'mail', label: { ja: 'メール', en: 'Email' } },
        { value: 'phone', label: { ja: '電話', en: 'Phone' } },
      ],
    },
    { name: 'phone', type: 'phone', label: { ja: '電話番号', en: 'Phone' } },
    { name: 'postalCode', type: 'postalCode', label: { ja: '郵便番号', en: 'Postal code' } },
  ],
});

export const branch: EntityMetadata = deepFreeze({
  kind: 'entity',
  name: 'Branch',
  label: { ja: '図書館', en: 'Branch' },
  titleField: 'name',
  fields: [{ name: 'name', type: 'string', label: { ja: '館名', en: 'Name' } }],
});

/** Points at `Applicant`, so it is the inverse a collection of children on Applicant would name. */
export const child: EntityMetadata = deepFreeze({
  kind: 'entity',
  name: 'Child',
  label: { ja: '子ども', en: 'Child' },
  fields: [
    { name: 'name', type: 'string', label: { ja: '氏名', en: 'Name' } },
    { name: 'parent', type: 'reference', target: 'Applicant', label: { ja: '保護者', en: 'Parent' } },
  ],
});

export const entities: EntityMetadata[] = [applicant, branch, child];

/** A form placing two of the applicant's fields in one section. */
export const applicationForm: FormMetadata = deepFreeze({
  kind: 'form',
  name: 'application',
  label: { ja: '申込み', en: 'Application' },
  entity: 'Applicant',
  sections: [
    {
      name: 'person',
      label: { ja: 'ご本人', en: 'You' },
      fields: [{ field: 'name' }, { field: 'contact', widget: 'radio' }],
    },
  ],
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
