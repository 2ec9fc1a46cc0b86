import type { MetadataItem } from '../metadata/index.ts';

const WARDS = ['kita', 'minami'];
const STATUSES = ['received', 'collected', 'cancelled'];
const FINAL = { fact: 'request.status', op: 'in', value: ['collected', 'cancelled'] } as const;

/**
 * A bulky-waste office app in miniature: one role covers every ward through the staff
 * attribute `ward`; items follow their request's ward one reference step away and are locked
 * once the request is collected or cancelled.
 */
export const WARD_APP: MetadataItem[] = [
  {
    kind: 'entity',
    name: 'WasteRequest',
    label: { ja: '申込', en: 'Request' },
    fields: [
      {
        name: 'ward',
        type: 'enum',
        label: { ja: '区', en: 'Ward' },
        required: true,
        values: WARDS.map((value) => ({ value, label: { ja: value } })),
      },
      {
        name: 'status',
        type: 'enum',
        label: { ja: '状態', en: 'Status' },
        required: true,
        default: 'received',
        values: STATUSES.map((value) => ({ value, label: { ja: `状態:${value}`, en: `status ${value}` } })),
      },
      { name: 'note', type: 'string', label: { ja: '備考', en: 'Note' } },
      {
        name: 'preferredDate',
        type: 'date',
        label: { ja: '収集希望日', en: 'Preferred date' },
        validations: [
          { condition: { fact: 'preferredDate', op: 'gte', value: { relative: '+3bd' } } },
          { condition: { fact: 'preferredDate', op: 'isBusinessDay' } },
        ],
      },
      { name: 'availableFrom', type: 'date', label: { ja: '搬出可能な初日', en: 'Available from' } },
      { name: 'availableUntil', type: 'date', label: { ja: '搬出可能な最終日', en: 'Available until' } },
    ],
    validations: [
      {
        condition: {
          any: [
            { fact: 'availableFrom', op: 'isNull' },
            { fact: 'availableUntil', op: 'isNull' },
            { fact: 'availableUntil', op: 'gte', value: { field: 'availableFrom' } },
          ],
        },
        message: {
          ja: '搬出可能な最終日は初日以降にしてください。',
          en: 'Available until must not be before available from.',
        },
      },
    ],
  },
  {
    kind: 'entity',
    name: 'WasteItem',
    label: { ja: '品目', en: 'Item' },
    fields: [
      {
        name: 'request',
        type: 'reference',
        target: 'WasteRequest',
        label: { ja: '申込', en: 'Request' },
        required: true,
      },
      { name: 'name', type: 'string', label: { ja: '品名', en: 'Name' }, required: true },
    ],
    lockedWhen: { condition: FINAL },
  },
  {
    kind: 'role',
    name: 'cleaning-office',
    label: { ja: '清掃事務所' },
    audience: 'staff',
    principalAttributes: { ward: { label: { ja: '担当区', en: 'Ward served' }, values: WARDS } },
    permissions: [
      {
        entity: 'WasteRequest',
        actions: ['read', 'create', 'update'],
        where: { ward: { eq: '$principal.ward' } },
        lockedWhen: {
          condition: { fact: 'status', op: 'in', value: ['collected', 'cancelled'] },
          message: {
            ja: '収集済みか取消しの申込は変更できません。',
            en: 'A collected or cancelled request cannot change.',
          },
        },
      },
      {
        entity: 'WasteItem',
        actions: ['read', 'create', 'update', 'delete'],
        where: { 'request.ward': { eq: '$principal.ward' } },
      },
    ],
  },
];
