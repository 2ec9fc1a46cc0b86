import { expect } from '@esm-bundle/chai';
import { choose, mount, recordItemChanges, settle, shadow, unmountAll } from '../test-support/mount.ts';
import { definePageEditor } from './index.ts';
import { libraryEntities, libraryItems, libraryRoles, registerPage } from './page-fixtures.ts';
import type { PageMetadata } from './page-types.ts';
import { pluginParts } from './plugin-parts.ts';

definePageEditor();

/** What the staff catalog says of one plugin with a component, a staff page and a record panel. */
const catalog = {
  plugins: [{ name: 'ledger', components: ['ledger-summary'] }],
  staffPages: [{ plugin: 'ledger', tag: 'ledger-view' }],
  recordPanels: [{ plugin: 'ledger', tag: 'ledger-history' }],
};

describe('<kiban-page-editor> and plugin elements', () => {
  afterEach(unmountAll);

  it('offers the plugins’ components, pages and panels for a component block, and fills in the tag', async () => {
    const page: PageMetadata = { ...registerPage, layout: [{ type: 'component', tag: '' }] };
    const editor = await mount('kiban-page-editor', {
      item: page,
      items: libraryItems,
      entities: libraryEntities,
      roles: libraryRoles,
      pluginParts: async () => pluginParts(catalog),
    });
    const changes = recordItemChanges<PageMetadata>(editor);
    await settle(editor);
    const select = shadow<HTMLSelectElement>(editor, '#block-0-plugin');
    expect([...select.options].map((option) => option.value)).to.deep.equal([
      '',
      'ledger-summary',
      'ledger-view',
      'ledger-history',
    ]);
    expect(select.options[3].textContent).to.contain('ledger').and.contain('レコードのパネル');
    expect(shadow(editor, 'label[for=block-0-plugin]').textContent).to.contain('プラグイン');
    choose(select, 'ledger-summary');
    await settle(editor);
    expect(changes.at(-1)?.layout[0]).to.deep.equal({ type: 'component', tag: 'ledger-summary' });
  });

  it('leaves the tag to be typed when no plugin contributes elements', async () => {
    const page: PageMetadata = { ...registerPage, layout: [{ type: 'component', tag: '' }] };
    const editor = await mount('kiban-page-editor', {
      item: page,
      items: libraryItems,
      entities: libraryEntities,
      roles: libraryRoles,
      pluginParts: async () => pluginParts({}),
    });
    await settle(editor);
    expect(editor.shadowRoot?.querySelector('#block-0-plugin')).to.equal(null);
    expect(shadow(editor, '#block-0-tag')).to.not.equal(null);
  });
});
