import type { PortalApp, PortalEntity, Profile, Task, WorkflowStatus } from '../../src/portal/portal-types.ts';

/** A portal app description like the engine's for the library-card example, with a workflow. */
const application: PortalEntity = {
  name: 'Application',
  label: { ja: '図書館カード申請', en: 'Library card application' },
  fields: [
    { name: 'branch', type: 'reference', target: 'Branch', label: { ja: '受取館', en: 'Branch' }, required: true },
    { name: 'wantsChildCard', type: 'boolean', label: { ja: '子ども用カードも希望', en: 'Child card too' } },
    {
      name: 'status',
      type: 'enum',
      label: { ja: '状態', en: 'Status' },
      values: [
        { value: 'submitted', label: { ja: '受付済み', en: 'Submitted' } },
        { value: 'approved', label: { ja: '承認', en: 'Approved' } },
      ],
    },
  ],
  permissions: { read: true, create: true, update: true, delete: false },
  workflow: {
    name: 'library-card',
    stateField: 'status',
    states: [
      { name: 'submitted', label: { ja: '受付済み', en: 'Submitted' }, final: false },
      { name: 'approved', label: { ja: '承認', en: 'Approved' }, final: true },
    ],
  },
};

const branch: PortalEntity = {
  name: 'Branch',
  label: { ja: '図書館（分館）', en: 'Library branch' },
  titleField: 'name',
  fields: [{ name: 'name', type: 'string', label: { ja: '館名', en: 'Name' }, required: true }],
  permissions: { read: true, create: false, update: false, delete: false },
};

export const BRANCH_ID = '6d1c1f0e-2b7b-4d8f-8f5e-1a2b3c4d5e6f';
export const APPLICATION_ID = '0b7a2f8e-4a51-4c3e-9a0e-3f1f5d2b8c01';

export const residentApp: PortalApp = {
  generation: 3,
  principal: {
    id: 'p1',
    kind: 'resident',
    username: 'hanako',
    displayName: '山田花子',
    roles: ['resident'],
    department: null,
  },
  pages: [
    {
      kind: 'page',
      name: 'home',
      label: { ja: 'ようこそ', en: 'Welcome' },
      portal: 'resident',
      route: '/',
      menu: { order: 1 },
      layout: [
        {
          type: 'markdown',
          content: {
            ja: '## 図書館カード\n\n**オンライン**で<img src=x onerror=alert(1)>[申し込めます](/apply)。[危険](javascript:alert(1))',
          },
        },
      ],
    },
    {
      kind: 'page',
      name: 'apply',
      label: { ja: '図書館カードの申込み', en: 'Apply for a card' },
      portal: 'resident',
      route: '/apply',
      menu: { order: 2 },
      layout: [{ type: 'form', form: 'library-card-application' }],
    },
  ],
  entities: { Application: application, Branch: branch },
  forms: {
    'library-card-application': {
      kind: 'form',
      name: 'library-card-application',
      label: { ja: '図書館カードの申込み', en: 'Apply for a library card' },
      entity: 'Application',
      sections: [
        {
          name: 'card',
          label: { ja: 'カード', en: 'Card' },
          fields: [{ field: 'branch' }, { field: 'wantsChildCard' }],
        },
      ],
    },
  },
  views: {
    'applications-by-status': {
      kind: 'view',
      name: 'applications-by-status',
      label: { ja: '申請一覧（状態別）', en: 'Applications by status' },
      entity: 'Application',
      columns: [{ field: 'branch' }, { field: 'status' }, { field: 'createdAt' }],
      sort: [{ field: 'createdAt', direction: 'desc' }],
      pageSize: 20,
    },
  },
  plugins: [],
};

export const staffApp: PortalApp = {
  ...residentApp,
  principal: {
    id: 's1',
    kind: 'staff',
    username: 'librarian1',
    displayName: '司書一郎',
    roles: ['librarian'],
    department: 'library',
  },
  pages: [
    {
      kind: 'page',
      name: 'staff-applications',
      label: { ja: '申請の確認', en: 'Applications' },
      portal: 'staff',
      route: '/staff/applications',
      menu: { order: 1 },
      layout: [{ type: 'list', view: 'applications-by-status' }],
    },
  ],
  forms: {},
};

export const profile: Profile = {
  displayName: '山田花子',
  displayNameKana: 'ヤマダハナコ',
  email: null,
  phone: null,
  postalCode: null,
  address: null,
  consentToReuse: false,
  language: null,
  calendar: null,
};

export const applicationRecord = {
  id: APPLICATION_ID,
  branch: BRANCH_ID,
  wantsChildCard: false,
  status: 'submitted',
  version: 1,
  createdAt: '2026-11-25T01:30:00.000Z',
};

export const workflowStatus: WorkflowStatus = {
  workflow: 'library-card',
  label: { ja: '図書館カード審査' },
  state: { name: 'submitted', label: { ja: '受付済み', en: 'Submitted' }, final: false },
  transitions: [
    { name: 'approve', label: { ja: '承認する', en: 'Approve' }, to: 'approved', commentRequired: false },
    { name: 'reject', label: { ja: '却下する', en: 'Reject' }, to: 'rejected', commentRequired: true },
  ],
  history: [
    {
      at: '2026-11-25T01:30:00.000Z',
      kind: 'start',
      transition: null,
      from: null,
      to: 'submitted',
      actor: { id: 'p1', name: '山田花子' },
      comment: null,
      assignee: null,
    },
  ],
};

export const openTask: Task = {
  id: 'task-1',
  entity: 'Application',
  recordId: APPLICATION_ID,
  workflow: 'library-card',
  state: 'submitted',
  label: { ja: '申請を審査する', en: 'Review the application' },
  assignee: { kind: 'role', value: 'librarian' },
  status: 'open',
  createdAt: '2026-11-25T01:30:00.000Z',
  dueAt: null,
  completedAt: null,
  outcome: null,
};
