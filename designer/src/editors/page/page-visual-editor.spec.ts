import { expect } from '@esm-bundle/chai';
import { render } from 'lit';
import { renderVisualEditor } from '../../editor/visual-editor.ts';
import type { MetadataItem } from '../../model/types.ts';
// The test support registers every editor, as the designer does at start.
import { settle } from '../test-support/mount.ts';
import { libraryEntities, libraryItems, registerPage } from './page-fixtures.ts';

describe('<kiban-page-editor> in the editor frame', () => {
  it('is the visual editor of pages, and gets the published forms, views and entities', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const role = { kind: 'role', name: 'librarian', label: { ja: '司書' } } as MetadataItem;
    const items = [...libraryItems, ...libraryEntities, role] as MetadataItem[];
    render(
      renderVisualEditor({
        item: { ...registerPage },
        items,
        published: undefined,
        errors: [],
        language: 'ja',
        preview: async () => ({ count: 0 }),
      }),
      host,
    );
    const editor = host.querySelector('kiban-page-editor');
    expect(editor).to.not.equal(null);
    if (!editor) return;
    await settle(editor);
    expect(editor.items).to.equal(items);
    expect(editor.entities.map((entity) => entity.name)).to.deep.equal(['Application']);
    expect(editor.roles).to.deep.equal(['librarian']);
    host.remove();
  });
});
