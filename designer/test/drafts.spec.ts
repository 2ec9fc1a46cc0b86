import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import type { KibanEditorFrame } from '../src/editor/kiban-editor-frame.ts';
import { FakeDesignerApi, problem } from './support/fake-designer-api.ts';
import { branch, branchDraft } from './support/fixtures.ts';
import { deep, deepAll, mount, settle, typeInto, unmountAll, waitUntil } from './support/mount.ts';
import { lastMarkers } from './support/stand-ins.ts';

const edit = async (frame: KibanEditorFrame, label: string) => {
  typeInto(deep<HTMLInputElement>(deep(frame, 'kiban-entity-editor'), 'input.label-ja'), label);
  await settle(frame);
};

const save = async (frame: KibanEditorFrame) => {
  deep<HTMLButtonElement>(frame, '.actions button.primary').click();
  await waitUntil(() => !frame.busy);
  await settle(frame);
};

describe('<kiban-editor-frame> drafts', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
  });

  it('saves a new draft with If-Match "0", then over the revision it got back', async () => {
    const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch, items: [branch] });
    await edit(frame, '分館（新）');
    await save(frame);
    const [first] = api.requests('PUT /api/metadata/drafts/entity/Branch');
    expect(first?.headers.get('if-match')).to.equal('"0"');
    expect((first?.body as { label: { ja: string } } | undefined)?.label.ja).to.equal('分館（新）');
    expect(frame.revision).to.equal(1);
    expect(deep(frame, '.saved').textContent).to.contain('リビジョン 1');
    await edit(frame, '分館（再）');
    await save(frame);
    expect(api.requests('PUT /api/metadata/drafts/entity/Branch')[1]?.headers.get('if-match')).to.equal('"1"');
  });

  it('on a 412 conflict keeps the local edit, explains, and reloads only when asked', async () => {
    api.drafts = [{ ...branchDraft, revision: 5 }];
    const frame = await mount('kiban-editor-frame', {
      api: new DesignerApi(),
      item: branchDraft.item,
      revision: 3,
      items: [branch],
    });
    await edit(frame, '私の変更');
    await save(frame);
    const conflict = deep(frame, '.conflict');
    expect(conflict.getAttribute('role')).to.equal('alert');
    expect(conflict.textContent).to.contain('他の人がこの下書きを先に保存しました');
    expect((frame.item.label as { ja: string }).ja).to.equal('私の変更');
    expect(frame.revision).to.equal(3);
    expect(frame.shadowRoot?.activeElement).to.equal(conflict);

    (conflict.querySelector('button') as HTMLButtonElement).click();
    await waitUntil(() => !frame.conflict);
    expect(frame.revision).to.equal(5);
    expect(frame.item).to.deep.equal(branchDraft.item);
    expect(api.requests('GET /api/metadata/drafts/entity/Branch')).to.have.length(1);
  });

  it('shows the draft check errors on the visual editor and as markers in the JSON', async () => {
    const error = {
      kind: 'entity',
      name: 'Branch',
      pointer: '/fields/0/type',
      code: 'schema.enum',
      message: { ja: '型が正しくありません。', en: 'Unknown type.' },
    };
    const other = {
      kind: 'form',
      name: 'x',
      pointer: '/entity',
      code: 'ref',
      message: { ja: '別の項目', en: 'other' },
    };
    api.answer['PUT /api/metadata/drafts/entity/Branch'] = (request) =>
      new Response(
        JSON.stringify({ item: request.body, revision: 1, updatedAt: '', updatedBy: null, errors: [error, other] }),
      );
    const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch, items: [branch] });
    await save(frame);
    const visual = deep(frame, 'kiban-entity-editor') as HTMLElement & { errors: unknown[] };
    expect(visual.errors).to.deep.equal([{ pointer: '/fields/0/type', code: 'schema.enum', message: error.message }]);
    expect(deep(frame, '.errors').textContent).to.contain('/fields/0/type').and.contain('型が正しくありません。');

    lastMarkers.length = 0;
    deep<HTMLButtonElement>(frame, '#tab-json').click();
    await waitUntil(() => lastMarkers.length > 0);
    const text = deep<HTMLTextAreaElement>(frame, 'textarea.json-text').value;
    const [marker] = lastMarkers.at(-1) ?? [];
    expect(marker?.message).to.equal('型が正しくありません。');
    expect(text.slice(marker?.start, marker?.end)).to.equal('"type": "string"');
  });

  it('shows a refusal that is not a conflict with its located errors', async () => {
    api.answer['PUT /api/metadata/drafts/entity/Branch'] = () =>
      problem(422, 'request.invalid', 'リクエストが正しくありません。', [
        { pointer: '/name', code: 'x', message: '名前が違います。' },
      ]);
    const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch });
    await save(frame);
    expect(deep(frame, '.problem').textContent).to.contain('リクエストが正しくありません。').and.contain('/name');
    expect(deepAll(frame, '.conflict')).to.have.length(0);
  });
});
