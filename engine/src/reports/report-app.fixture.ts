import type { MetadataItem } from '../metadata/index.ts';

const enumValues = (values: string[]) => values.map((value) => ({ value, label: { ja: `${value}区`, en: value } }));

/**
 * A benefit office in miniature: applications in three wards, at offices in two regions.
 * Ward staff read their ward's applications without the applicant's name, the web desk the
 * web applications and the northern offices; analysts read every row and field. The reports exercise every part of the kind.
 */
export const REPORT_APP: MetadataItem[] = [
  {
    kind: 'entity',
    name: 'Office',
    label: { ja: '窓口', en: 'Office' },
    fields: [
      { name: 'name', type: 'string', label: { ja: '窓口名', en: 'Office name' }, required: true },
      { name: 'region', type: 'string', label: { ja: '地域', en: 'Region' } },
    ],
  },
  {
    kind: 'entity',
    name: 'Application',
    label: { ja: '申請', en: 'Application' },
    fields: [
      {
        name: 'ward',
        type: 'enum',
        label: { ja: '区', en: 'Ward' },
        required: true,
        values: enumValues(['kita', 'minami', 'higashi']),
      },
      { name: 'channel', type: 'string', label: { ja: '受付方法', en: 'Channel' } },
      { name: 'appliedOn', type: 'date', label: { ja: '申請日', en: 'Applied on' } },
      { name: 'amount', type: 'integer', label: { ja: '金額', en: 'Amount' } },
      { name: 'birthDate', type: 'date', label: { ja: '生年月日', en: 'Birth date' }, classification: 'personal' },
      { name: 'applicantName', type: 'string', label: { ja: '氏名', en: 'Name' }, classification: 'personal' },
      { name: 'office', type: 'reference', target: 'Office', label: { ja: '窓口', en: 'Office' } },
    ],
  },
  {
    kind: 'role',
    name: 'ward-staff',
    label: { ja: '区の職員', en: 'Ward staff' },
    audience: 'staff',
    principalAttributes: { ward: { label: { ja: '担当区' }, values: ['kita', 'minami', 'higashi'] } },
    permissions: [
      {
        entity: 'Application',
        actions: ['read'],
        where: { ward: { eq: '$principal.ward' } },
        fields: { applicantName: 'hidden' },
      },
      { entity: 'Office', actions: ['read'] },
    ],
  },
  {
    kind: 'role',
    name: 'web-desk',
    label: { ja: 'ウェブ受付', en: 'Web desk' },
    audience: 'staff',
    permissions: [
      {
        entity: 'Application',
        actions: ['read'],
        where: { channel: { eq: 'web' } },
        fields: { applicantName: 'hidden' },
      },
      { entity: 'Office', actions: ['read'], where: { region: { eq: 'north' } } },
    ],
  },
  {
    kind: 'role',
    name: 'analyst',
    label: { ja: '分析担当', en: 'Analyst' },
    audience: 'staff',
    permissions: [
      { entity: 'Application', actions: ['read'] },
      { entity: 'Office', actions: ['read'] },
    ],
  },
  {
    kind: 'report',
    name: 'by-ward-and-month',
    label: { ja: '区・月別の申請', en: 'Applications by ward and month' },
    entity: 'Application',
    parameters: [
      { name: 'from', type: 'date', label: { ja: '開始日', en: 'From' } },
      { name: 'minimum', type: 'integer', label: { ja: '最低金額', en: 'Minimum amount' } },
    ],
    filter: {
      all: [
        { fact: 'appliedOn', op: 'gte', value: { param: 'from' } },
        { fact: 'amount', op: 'gte', value: { param: 'minimum' } },
      ],
    },
    groupBy: [{ field: 'ward' }, { field: 'appliedOn', name: 'month', bucket: 'month' }],
    measures: [
      { name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' },
      { name: 'total', label: { ja: '金額計', en: 'Total' }, op: 'sum', field: 'amount' },
      { name: 'average', label: { ja: '平均', en: 'Average' }, op: 'avg', field: 'amount' },
      { name: 'offices', label: { ja: '窓口数', en: 'Offices' }, op: 'countDistinct', field: 'office' },
      {
        name: 'perOffice',
        label: { ja: '窓口あたり', en: 'Per office' },
        op: 'ratio',
        numerator: 'applications',
        denominator: 'offices',
      },
    ],
  },
  {
    kind: 'report',
    name: 'by-region-and-year',
    label: { ja: '地域・年度別', en: 'By region and fiscal year' },
    entity: 'Application',
    groupBy: [{ field: 'office.region' }, { field: 'appliedOn', name: 'fiscalYear', bucket: 'fiscalYear' }],
    measures: [
      { name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' },
      { name: 'latest', label: { ja: '最新', en: 'Latest' }, op: 'max', field: 'appliedOn' },
    ],
    sort: [{ by: 'applications', direction: 'desc' }],
  },
  {
    kind: 'report',
    name: 'by-age',
    label: { ja: '年齢区分別', en: 'By age band' },
    entity: 'Application',
    groupBy: [{ field: 'birthDate', ageBands: [0, 15, 65, 75] }],
    measures: [{ name: 'people', label: { ja: '人数', en: 'People' }, op: 'count' }],
  },
  {
    kind: 'report',
    name: 'by-name',
    label: { ja: '氏名別', en: 'By name' },
    entity: 'Application',
    groupBy: [{ field: 'applicantName' }],
    measures: [{ name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' }],
  },
  {
    kind: 'report',
    name: 'by-channel',
    label: { ja: '受付方法別（秘匿あり）', en: 'By channel, with disclosure control' },
    entity: 'Application',
    groupBy: [{ field: 'channel' }],
    measures: [
      { name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' },
      { name: 'total', label: { ja: '金額計', en: 'Total' }, op: 'sum', field: 'amount' },
    ],
    minimumCellSize: 3,
  },
  {
    kind: 'rule',
    name: 'large-amount',
    label: { ja: '高額', en: 'Large amount' },
    entity: 'Application',
    condition: { fact: 'amount', op: 'gte', value: 300 },
  },
  {
    kind: 'report',
    name: 'large-by-ward',
    label: { ja: '区別の高額申請', en: 'Large applications by ward' },
    entity: 'Application',
    filter: { all: [{ rule: 'large-amount' } as never, { fact: 'ward', op: 'ne', value: 'higashi' }] },
    groupBy: [{ field: 'ward' }],
    measures: [{ name: 'applications', label: { ja: '件数', en: 'Applications' }, op: 'count' }],
  },
  {
    kind: 'dashboard',
    name: 'office-overview',
    label: { ja: '窓口の概況', en: 'Office overview' },
    parameters: [{ name: 'from', type: 'date', label: { ja: '開始日', en: 'From' } }],
    reports: [
      { report: 'by-ward-and-month', width: 8 },
      { report: 'by-channel', width: 4 },
    ],
    refreshSeconds: 60,
  },
];
