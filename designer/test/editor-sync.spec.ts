import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import type { KibanEditorFrame } from '../src/editor/kiban-editor-frame.ts';
import { FakeDesignerApi } from './support/fake-designer-api.ts';
import { branch, librarian } from './support/fixtures.ts';
import { deep, deepAll, mount, settle, typeInto, unmountAll, waitUntil } from './support/mount.ts';
import { loaderCalls } from './support/stand-ins.ts';

async function openFrame(item = branch): Promise<KibanEditorFrame> {
  return mount('kiban-editor-frame', { api: new DesignerApi(), item, items: [branch] });
}

async function openJson(frame: KibanEditorFrame): Promise<HTMLTextAreaElement> {
  deep<HTMLButtonElement>(frame, '#tab-json').click();
  await waitUntil(() => deepAll(frame, 'textarea.json-text').length > 0);
  return deep<HTMLTextAreaElement>(frame, 'textarea.json-text');
}

describe('<kiban-editor-frame> visual and JSON views', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
    loaderCalls.length = 0;
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
  });

  it('loads the JSON editor only when the JSON tab opens', async () => {
    const frame = await openFrame();
    expect(loaderCalls).to.deep.equal([]);
    expect(deepAll(frame, 'kiban-json-editor')).to.have.length(0);
    await openJson(frame);
    expect(loaderCalls).to.deep.equal(['json-editor']);
    deep<HTMLButtonElement>(frame, '#tab-visual').click();
    deep<HTMLButtonElement>(frame, '#tab-json').click();
    await settle(frame);
    expect(loaderCalls).to.have.length(1);
  });

  it('mounts the entity editor for entities and a JSON-only note for other kinds', async () => {
    const frame = await openFrame();
    const editor = deep(frame, 'kiban-entity-editor') as HTMLElement & { item: unknown; entities: unknown };
    expect(editor.item).to.equal(branch);
    expect(editor.entities).to.deep.equal([branch]);
    const role = await openFrame(librarian);
    expect(deep(role, '#panel-visual').textContent).to.contain('JSON');
    expect(deepAll(role, 'kiban-entity-editor')).to.have.length(0);
  });

  it('keeps one item: a visual edit shows in the JSON, a JSON edit shows in the visual editor', async () => {
    const frame = await openFrame();
    const visual = deep(frame, 'kiban-entity-editor');
    typeInto(deep<HTMLInputElement>(visual, 'input.label-ja'), '分館（改）');
    await settle(frame);
    expect((frame.item.label as { ja: string }).ja).to.equal('分館（改）');
    const text = await openJson(frame);
    expect(JSON.parse(text.value).label.ja).to.equal('分館（改）');

    const edited = JSON.parse(text.value);
    edited.label.ja = '図書館の分館';
    typeInto(text, JSON.stringify(edited, null, 2));
    await settle(frame);
    expect((frame.item.label as { ja: string }).ja).to.equal('図書館の分館');
    deep<HTMLButtonElement>(frame, '#tab-visual').click();
    await settle(frame);
    expect(deep<HTMLInputElement>(visual, 'input.label-ja').value).to.equal('図書館の分館');
    expect(deep(frame, 'p strong').textContent).to.contain('保存していない変更');

    typeInto(visual.shadowRoot?.querySelector('input') as HTMLInputElement, '分館 3');
    await settle(frame);
    await settle(deep(frame, 'kiban-json-editor'));
    expect(JSON.parse(text.value).label.ja).to.equal('分館 3');
  });

  it('keeps the last good item while the JSON text is malformed', async () => {
    const frame = await openFrame();
    const text = await openJson(frame);
    typeInto(text, '{ "kind": "entity", ');
    await settle(deep(frame, 'kiban-json-editor'));
    expect(frame.item).to.equal(branch);
    expect(deep(deep(frame, 'kiban-json-editor'), '.notice').textContent).to.contain('JSON');
  });

  it('moves between the tabs with the arrow keys', async () => {
    const frame = await openFrame();
    const tablist = deep(frame, '[role=tablist]');
    tablist.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    await settle(frame);
    expect(deep(frame, '#tab-json').getAttribute('aria-selected')).to.equal('true');
    expect(deep(frame, '#panel-visual').hidden).to.equal(true);
    await waitUntil(() => deepAll(frame, 'textarea.json-text').length > 0);
  });
});
