import type { DraftRecord, MetadataItem, MigrationPlan, VersionRecord } from '../../src/model/types.ts';

export const branch: MetadataItem = {
  kind: 'entity',
  name: 'Branch',
  label: { ja: '分館', en: 'Branch' },
  fields: [{ name: 'name', type: 'string', label: { ja: '名称', en: 'Name' }, required: true }],
};

export const applicationForm: MetadataItem = {
  kind: 'form',
  name: 'branch-form',
  label: { ja: '分館の登録', en: 'Branch registration' },
  entity: 'Branch',
  sections: [{ name: 'main', label: { ja: '分館', en: 'Branch' }, fields: [{ field: 'name' }] }],
};

export const librarian: MetadataItem = {
  kind: 'role',
  name: 'librarian',
  label: { ja: '図書館職員', en: 'Librarian' },
  audience: 'staff',
  permissions: [{ entity: 'Branch', actions: ['read'] }],
};

export const published: MetadataItem[] = [branch, applicationForm, librarian];

export const branchDraft: DraftRecord = {
  item: {
    ...branch,
    fields: [...(branch.fields as unknown[]), { name: 'school', type: 'string', label: { ja: '学校' } }],
  },
  revision: 3,
  updatedAt: '2026-11-25T01:00:00.000Z',
  updatedBy: 'p-1',
};

export const newWorkflowDraft: DraftRecord = {
  item: { kind: 'workflow', name: 'branch-review', label: { ja: '審査' } },
  revision: 1,
  updatedAt: '2026-11-25T01:00:00.000Z',
  updatedBy: 'p-1',
};

export const safePlan: MigrationPlan = {
  steps: [
    {
      action: 'addColumn',
      table: 'branch',
      entity: 'Branch',
      column: 'school',
      field: 'school',
      safety: 'safe',
      sql: ['alter table "branch" add column "school" text'],
      reason: { ja: 'フィールド school を追加します。', en: 'Adds field school.' },
    },
  ],
  destructive: false,
  blocked: false,
};

export const destructivePlan: MigrationPlan = {
  steps: [
    {
      action: 'dropColumn',
      table: 'branch',
      entity: 'Branch',
      column: 'phone',
      field: 'phone',
      safety: 'destructive',
      sql: ['alter table "branch" drop column "phone"'],
      reason: { ja: 'フィールド phone を削除します。', en: 'Drops field phone.' },
      affectedRows: 42,
    },
  ],
  destructive: true,
  blocked: false,
};

export const branchVersions: VersionRecord[] = [
  {
    version: 2,
    body: { ...branch, label: { ja: '分館', en: 'Branch library' } },
    publicationId: 7,
    publishedAt: '2026-11-24T03:00:00.000Z',
    publishedBy: 'p-1',
  },
  { version: 1, body: branch, publicationId: 3, publishedAt: '2026-11-20T03:00:00.000Z', publishedBy: 'p-1' },
];
