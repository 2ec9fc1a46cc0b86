import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import {
  choose,
  mount,
  recordItemChanges,
  settle,
  shadow,
  shadowAll,
  typeInto,
  unmountAll,
} from '../test-support/mount.ts';
import { definePageEditor } from './index.ts';
import { libraryEntities, libraryItems, libraryRoles, registerPage } from './page-fixtures.ts';
import type { PageComponent, PageMetadata } from './page-types.ts';

definePageEditor();

type Editor = HTMLElementTagNameMap['kiban-page-editor'];

async function openPage(page: PageMetadata = registerPage) {
  const editor = await mount('kiban-page-editor', {
    item: page,
    items: libraryItems,
    entities: libraryEntities,
    roles: libraryRoles,
  });
  return { editor, changes: recordItemChanges<PageMetadata>(editor) };
}

/** Focuses the button and presses Enter, as a keyboard user would. */
async function pressByKeyboard(editor: Editor, id: string) {
  shadow<HTMLButtonElement>(editor, `#${id}`).focus();
  await sendKeys({ press: 'Enter' });
  await settle(editor);
}

async function fill(editor: Editor, id: string, text: string) {
  const control = shadow<HTMLInputElement>(editor, `#${id}`);
  control.value = text;
  control.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  control.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  await settle(editor);
}

async function pick(editor: Editor, id: string, value: string) {
  choose(shadow<HTMLSelectElement>(editor, `#${id}`), value);
  await settle(editor);
}

const lastBlock = (changes: PageMetadata[]) => changes.at(-1)?.layout.at(-1);
const focusedId = (editor: Editor) => editor.shadowRoot?.activeElement?.id;

describe('<kiban-page-editor> layout', () => {
  afterEach(unmountAll);

  it('adds a block of each type, choosing the first published form, view and entity', async () => {
    const { editor, changes } = await openPage();
    const added: (PageComponent | undefined)[] = [];
    for (const type of ['markdown', 'form', 'list', 'detail', 'component']) {
      await pressByKeyboard(editor, `add-${type}`);
      added.push(lastBlock(changes));
    }
    expect(added).to.deep.equal([
      { type: 'markdown', content: { ja: '' } },
      { type: 'form', form: 'applicant-registration' },
      { type: 'list', view: 'applications-by-status' },
      { type: 'detail', entity: 'Application' },
      { type: 'component', tag: '' },
    ]);
    expect(changes.at(-1)?.layout).to.have.length(7);
    expect(focusedId(editor)).to.equal('block-6-heading');
    expect(shadow(editor, '[role=status]').textContent).to.contain('部品 7');
  });

  it('edits a text block in Japanese and English', async () => {
    const { editor, changes } = await openPage();
    await fill(editor, 'block-0-content-ja', '## ようこそ');
    await fill(editor, 'block-0-content-en', '');
    expect(changes.at(-1)?.layout[0]).to.deep.equal({ type: 'markdown', content: { ja: '## ようこそ' } });
  });

  it('picks the form, the view and the entity of blocks', async () => {
    const page: PageMetadata = {
      ...registerPage,
      route: '/applications',
      layout: [
        { type: 'form', form: 'applicant-registration' },
        { type: 'list', view: '' },
        { type: 'detail', entity: '' },
      ],
    };
    const { editor, changes } = await openPage(page);
    expect(shadow(editor, '#block-2-entity-note').textContent).to.contain(':id');
    await pick(editor, 'block-0-form', 'library-card-application');
    await pick(editor, 'block-1-view', 'applications-by-status');
    await pick(editor, 'block-2-entity', 'Application');
    expect(changes.at(-1)?.layout).to.deep.equal([
      { type: 'form', form: 'library-card-application' },
      { type: 'list', view: 'applications-by-status' },
      { type: 'detail', entity: 'Application' },
    ]);
  });

  it('keeps a form that is not published among the choices, marked as such', async () => {
    const page: PageMetadata = { ...registerPage, layout: [{ type: 'form', form: 'draft-form' }] };
    const { editor } = await openPage(page);
    const select = shadow<HTMLSelectElement>(editor, '#block-0-form');
    expect(select.value).to.equal('draft-form');
    expect(select.selectedOptions[0].textContent).to.contain('公開されていません');
  });

  it('edits a component block: its tag, its props as JSON, and refuses text that is not an object', async () => {
    const page: PageMetadata = { ...registerPage, layout: [{ type: 'component', tag: 'old-tag' }] };
    const { editor, changes } = await openPage(page);
    typeInto(shadow<HTMLInputElement>(editor, '#block-0-tag'), 'reservations-calendar');
    await settle(editor);
    await fill(editor, 'block-0-props', '{ "days": 7 }');
    expect(changes.at(-1)?.layout[0]).to.deep.equal({
      type: 'component',
      tag: 'reservations-calendar',
      props: { days: 7 },
    });
    const count = changes.length;
    await fill(editor, 'block-0-props', '[1, 2');
    expect(changes).to.have.length(count);
    expect(shadow(editor, '#block-0-props').getAttribute('aria-invalid')).to.equal('true');
    expect(shadow<HTMLTextAreaElement>(editor, '#block-0-props').value).to.equal('[1, 2');
    await fill(editor, 'block-0-props', '');
    expect(changes.at(-1)?.layout[0]).to.deep.equal({ type: 'component', tag: 'reservations-calendar' });
    expect(editor.shadowRoot?.querySelector('#block-0-props-note')).to.equal(null);
  });

  it('moves blocks up and down by keyboard, and focus follows the moved block', async () => {
    const { editor, changes } = await openPage();
    await pressByKeyboard(editor, 'block-0-down');
    expect(changes.at(-1)?.layout.map((block) => block.type)).to.deep.equal(['form', 'markdown']);
    // At the bottom its "down" button is disabled, so focus is on its "up" button.
    expect(focusedId(editor)).to.equal('block-1-up');
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(changes.at(-1)?.layout.map((block) => block.type)).to.deep.equal(['markdown', 'form']);
    expect(focusedId(editor)).to.equal('block-0-down');
    expect(shadow(editor, '[role=status]').textContent).to.contain('1 番目');
  });

  it('keeps focus on the same button when a block moves between others', async () => {
    const page: PageMetadata = {
      ...registerPage,
      layout: [...registerPage.layout, { type: 'list', view: 'applications-by-status' }],
    };
    const { editor, changes } = await openPage(page);
    await pressByKeyboard(editor, 'block-2-up');
    expect(changes.at(-1)?.layout.map((block) => block.type)).to.deep.equal(['markdown', 'list', 'form']);
    expect(focusedId(editor)).to.equal('block-1-up');
  });

  it('removes blocks by keyboard, focus going to the block taking their place', async () => {
    const { editor, changes } = await openPage();
    await pressByKeyboard(editor, 'block-0-remove');
    expect(changes.at(-1)?.layout).to.deep.equal([{ type: 'form', form: 'applicant-registration' }]);
    expect(focusedId(editor)).to.equal('block-0-remove');
    await sendKeys({ press: 'Enter' });
    await settle(editor);
    expect(changes.at(-1)?.layout).to.deep.equal([]);
    expect(focusedId(editor)).to.equal('add-markdown');
    expect(shadowAll(editor, 'li.block')).to.have.length(0);
  });

  it('previews the structure: a heading per block saying what it shows', async () => {
    const { editor } = await openPage();
    const headings = shadowAll(editor, '.preview-blocks h4').map((heading) => heading.textContent?.trim());
    const shows = shadowAll(editor, '.preview-blocks p').map((line) => line.textContent?.trim());
    expect(headings).to.deep.equal(['部品 1: 文章', '部品 2: フォーム']);
    expect(shows).to.deep.equal(['文章: 一度だけ登録してください。', 'フォーム: 利用者登録']);
  });
});
