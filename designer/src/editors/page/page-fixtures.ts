import type { EntityMetadata, MetadataItem, PageMetadata } from './page-types.ts';

/** The library-card example's registration page: text, then a form; frozen so a mutating editor fails. */
export const registerPage: PageMetadata = deepFreeze({
  kind: 'page',
  name: 'register',
  label: { ja: '利用者情報の登録', en: 'Register as a library user' },
  portal: 'resident',
  route: '/register',
  roles: ['resident'],
  menu: { order: 5 },
  layout: [
    { type: 'markdown', content: { ja: '一度だけ登録してください。', en: 'Register once.' } },
    { type: 'form', form: 'applicant-registration' },
  ],
});

export const libraryEntities: EntityMetadata[] = deepFreeze([
  {
    kind: 'entity',
    name: 'Application',
    label: { ja: '申請', en: 'Application' },
    fields: [{ name: 'status', type: 'string', label: { ja: '状態', en: 'Status' } }],
  },
]);

/** Published forms and views the block pickers offer. */
export const libraryItems: MetadataItem[] = deepFreeze<MetadataItem[]>([
  {
    kind: 'form',
    name: 'applicant-registration',
    label: { ja: '利用者登録', en: 'Registration' },
    entity: 'Application',
    sections: [],
  },
  {
    kind: 'form',
    name: 'library-card-application',
    label: { ja: 'カード申込み', en: 'Card application' },
    entity: 'Application',
    sections: [],
  },
  {
    kind: 'view',
    name: 'applications-by-status',
    label: { ja: '状態別の申請', en: 'Applications by status' },
    entity: 'Application',
    columns: [],
  },
]);

export const libraryRoles = ['resident', 'librarian'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
