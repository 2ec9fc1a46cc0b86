import './support/real-editors.ts';
import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import { accessibilityViolations } from './support/axe.ts';
import { FakeDesignerApi } from './support/fake-designer-api.ts';
import { applicationForm, branch } from './support/fixtures.ts';
import { deep, deepAll, mount, settle, typeInto, unmountAll, waitUntil } from './support/mount.ts';

/** The frame with the visual editors of `src/editors/` themselves: the contract between the two. */
describe('<kiban-editor-frame> with the real visual editors', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
  });

  it('mounts the entity editor, and its edits reach the JSON view and the saved draft', async () => {
    const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch, items: [branch] });
    const editor = deep(frame, 'kiban-entity-editor');
    expect(editor.constructor.name).not.to.equal('StandInEditor');
    const name = deep<HTMLInputElement>(editor, '#field-0-name');
    typeInto(name, 'title');
    name.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await settle(editor);
    await settle(frame);
    expect((frame.item.fields as { name: string }[])[0]?.name).to.equal('title');
    deep<HTMLButtonElement>(frame, '#tab-json').click();
    await waitUntil(() => deepAll(frame, 'textarea.json-text').length > 0);
    expect(JSON.parse(deep<HTMLTextAreaElement>(frame, 'textarea.json-text').value).fields[0].name).to.equal('title');
    await frame.saveDraft();
    expect(
      (api.requests('PUT /api/metadata/drafts/entity/Branch')[0]?.body as typeof branch | undefined)?.fields,
    ).to.deep.equal(frame.item.fields);
  });

  it('marks the field a draft error points at', async () => {
    api.answer['PUT /api/metadata/drafts/entity/Branch'] = (request) =>
      new Response(
        JSON.stringify({
          item: request.body,
          revision: 1,
          errors: [
            {
              kind: 'entity',
              name: 'Branch',
              pointer: '/fields/0/name',
              code: 'x',
              message: { ja: '名前が重複しています。', en: 'Duplicate.' },
            },
          ],
        }),
      );
    const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch, items: [branch] });
    await frame.saveDraft();
    const editor = deep(frame, 'kiban-entity-editor');
    await settle(editor);
    expect(deep(editor, '#field-0-name').getAttribute('aria-invalid')).to.equal('true');
    expect(await accessibilityViolations(frame)).to.deep.equal([]);
  });

  it('mounts the form builder for forms', async () => {
    const frame = await mount('kiban-editor-frame', {
      api: new DesignerApi(),
      item: applicationForm,
      items: [branch],
    });
    const builder = deep(frame, 'kiban-form-builder') as HTMLElement & { item: unknown; entities: unknown };
    expect(builder.item).to.equal(applicationForm);
    expect(builder.entities).to.deep.equal([branch]);
  });
});
