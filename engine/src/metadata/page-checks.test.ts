import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMetadataDirectory } from './load-files.ts';
import type { MetadataItem, PageMetadata } from './types.ts';
import { validateMetadata } from './validate.ts';

let app: MetadataItem[];

beforeAll(async () => {
  const dir = fileURLToPath(new URL('../../../examples/library-card/metadata', import.meta.url));
  app = (await loadMetadataDirectory(dir)).items.map((entry) => entry.item);
});

const page = (overrides: Partial<PageMetadata>): PageMetadata => ({
  kind: 'page',
  name: 'extra',
  label: { ja: '追加' },
  portal: 'resident',
  route: '/extra',
  layout: [{ type: 'markdown', content: { ja: '本文' } }],
  ...overrides,
});

const problems = (...pages: PageMetadata[]) =>
  validateMetadata([...app, ...pages]).map(({ name, pointer, code }) => ({ name, pointer, code }));

describe('page checks', () => {
  it('accepts the example pages', () => {
    expect(problems()).toEqual([]);
  });

  it('reports unknown forms, views and entities, and a detail without :id', () => {
    expect(
      problems(
        page({
          layout: [
            { type: 'form', form: 'library-card-aplication' },
            { type: 'list', view: 'nope' },
            { type: 'detail', entity: 'Application' },
            { type: 'detail', entity: 'Aplication' },
          ],
        }),
      ),
    ).toEqual([
      { name: 'extra', pointer: '/layout/0/form', code: 'semantic.page.unknownForm' },
      { name: 'extra', pointer: '/layout/1/view', code: 'semantic.page.unknownView' },
      { name: 'extra', pointer: '/route', code: 'semantic.page.detailNeedsId' },
      { name: 'extra', pointer: '/layout/3/entity', code: 'semantic.page.unknownEntity' },
    ]);
  });

  it('keeps routes unique per portal and roles to the portal audience', () => {
    expect(problems(page({ route: '/apply', roles: ['librarian', 'nobody'] }))).toEqual([
      { name: 'apply-library-card', pointer: '/route', code: 'semantic.page.routeTaken' },
      { name: 'extra', pointer: '/route', code: 'semantic.page.routeTaken' },
      { name: 'extra', pointer: '/roles/0', code: 'semantic.page.audienceMismatch' },
      { name: 'extra', pointer: '/roles/1', code: 'semantic.page.unknownRole' },
    ]);
    expect(problems(page({ portal: 'staff', route: '/apply', roles: ['librarian'] }))).toEqual([]);
  });

  it('refuses routes and component tags that are not well formed', () => {
    const pointers = validateMetadata([
      ...app,
      page({ route: 'extra/../x', layout: [{ type: 'component', tag: 'nodash' }] }),
    ]).map(({ pointer }) => pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/route', '/layout/0/tag']));
  });
});
