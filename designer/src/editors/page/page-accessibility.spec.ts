import { expect } from '@esm-bundle/chai';
import { seriousViolations } from '../test-support/axe.ts';
import { mount, settle, unmountAll } from '../test-support/mount.ts';
import { definePageEditor } from './index.ts';
import { libraryEntities, libraryItems, libraryRoles, registerPage } from './page-fixtures.ts';
import type { PageMetadata } from './page-types.ts';

definePageEditor();

/** A block of every type, so that each type's controls are checked. */
const everyBlock: PageMetadata = {
  ...registerPage,
  layout: [
    ...registerPage.layout,
    { type: 'list', view: 'applications-by-status' },
    { type: 'detail', entity: 'Application' },
    { type: 'component', tag: 'reservations-calendar', props: { days: 7 } },
  ],
};

describe('<kiban-page-editor> accessibility (axe-core, WCAG 2.1 AA)', () => {
  afterEach(unmountAll);

  it('has no serious or critical violations with a block of each type, with and without errors', async () => {
    const editor = await mount('kiban-page-editor', {
      item: everyBlock,
      items: libraryItems,
      entities: libraryEntities,
      roles: libraryRoles,
    });
    expect(await seriousViolations(editor)).to.deep.equal([]);
    editor.errors = [
      { pointer: '/route', code: 'x', message: { ja: '問題', en: 'Problem' } },
      { pointer: '/layout/1/form', code: 'x', message: { ja: '問題', en: 'Problem' } },
      { pointer: '/roles', code: 'x', message: { ja: '問題', en: 'Problem' } },
      { pointer: '/layout/3', code: 'x', message: { ja: '問題', en: 'Problem' } },
      { pointer: '/description', code: 'x', message: { ja: '問題', en: 'Problem' } },
    ];
    await settle(editor);
    expect(await seriousViolations(editor)).to.deep.equal([]);
  });
});
