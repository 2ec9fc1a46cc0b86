import { expect } from '@esm-bundle/chai';
import {
  choose,
  mount,
  recordItemChanges,
  settle,
  shadow,
  toggle,
  typeInto,
  unmountAll,
} from '../test-support/mount.ts';
import { definePageEditor } from './index.ts';
import { libraryEntities, libraryItems, libraryRoles, registerPage } from './page-fixtures.ts';
import type { PageMetadata } from './page-types.ts';

definePageEditor();

type Editor = HTMLElementTagNameMap['kiban-page-editor'];

async function openRegister(page: PageMetadata = registerPage) {
  return mount('kiban-page-editor', {
    item: page,
    items: libraryItems,
    entities: libraryEntities,
    roles: libraryRoles,
  });
}

async function type(editor: Editor, id: string, text: string) {
  typeInto(shadow<HTMLInputElement>(editor, `#${id}`), text);
  await settle(editor);
}

async function tick(editor: Editor, id: string) {
  toggle(shadow<HTMLInputElement>(editor, `#${id}`));
  await settle(editor);
}

describe('<kiban-page-editor> page settings', () => {
  afterEach(unmountAll);

  it('edits the title in both languages', async () => {
    const editor = await openRegister();
    const changes = recordItemChanges<PageMetadata>(editor);
    await type(editor, 'page-label-ja', '登録');
    await type(editor, 'page-label-en', 'Sign up');
    expect(changes.at(-1)?.label).to.deep.equal({ ja: '登録', en: 'Sign up' });
    expect(changes.at(-1)).to.not.equal(registerPage);
    expect(registerPage.label.ja).to.equal('利用者情報の登録');
  });

  it('edits the portal and the route, and explains route parameters', async () => {
    const editor = await openRegister();
    const changes = recordItemChanges<PageMetadata>(editor);
    choose(shadow<HTMLSelectElement>(editor, '#page-portal'), 'staff');
    await settle(editor);
    expect(changes.at(-1)?.portal).to.equal('staff');
    await type(editor, 'page-route', '/applicants/:id');
    expect(changes.at(-1)).to.include({ portal: 'staff', route: '/applicants/:id' });
    expect(shadow(editor, '#page-route').getAttribute('aria-describedby')).to.equal('page-route-note');
    expect(shadow(editor, '#page-route-note').textContent).to.contain(':id');
  });

  it('chooses roles by checkbox, and no role at all leaves the page to everyone of the portal', async () => {
    const editor = await openRegister();
    const changes = recordItemChanges<PageMetadata>(editor);
    await tick(editor, 'page-role-librarian');
    expect(changes.at(-1)?.roles).to.deep.equal(['resident', 'librarian']);
    await tick(editor, 'page-role-resident');
    await tick(editor, 'page-role-librarian');
    expect(changes.at(-1)).to.not.have.property('roles');
  });

  it('takes the page out of the menu, puts it back and changes its order', async () => {
    const editor = await openRegister();
    const changes = recordItemChanges<PageMetadata>(editor);
    await tick(editor, 'page-menu-shown');
    expect(changes.at(-1)).to.not.have.property('menu');
    expect(editor.shadowRoot?.querySelector('#page-menu-order')).to.equal(null);
    await tick(editor, 'page-menu-shown');
    expect(changes.at(-1)?.menu).to.deep.equal({ order: 0 });
    await type(editor, 'page-menu-order', '20');
    expect(changes.at(-1)?.menu).to.deep.equal({ order: 20 });
  });

  it('shows the route error at the route and a block error at its picker', async () => {
    const editor = await openRegister();
    editor.errors = [
      { pointer: '/route', code: 'pattern', message: { ja: '経路の形が違います', en: 'Bad route' } },
      { pointer: '/layout/1/form', code: 'reference', message: { ja: 'フォームがありません', en: 'No such form' } },
    ];
    await settle(editor);
    const route = shadow<HTMLInputElement>(editor, '#page-route');
    expect(route.getAttribute('aria-invalid')).to.equal('true');
    expect(route.getAttribute('aria-describedby')).to.contain('page-route-errors');
    expect(shadow(editor, '#page-route-errors').textContent).to.contain('経路の形が違います');
    const form = shadow<HTMLSelectElement>(editor, '#block-1-form');
    expect(form.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(editor, '#block-1-form-errors').textContent).to.contain('フォームがありません');
    expect(editor.shadowRoot?.querySelector('#page-other-errors')).to.equal(null);
  });

  it('shows texts in English when the designer is in English', async () => {
    const editor = await openRegister();
    editor.language = 'en';
    await settle(editor);
    expect(shadow(editor, 'label[for=page-route]').textContent).to.contain('Route');
    expect(shadow(editor, '#add-form').textContent?.trim()).to.equal('Add a form');
  });
});
