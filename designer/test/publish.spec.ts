import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import type { KibanEditorFrame } from '../src/editor/kiban-editor-frame.ts';
import { FakeDesignerApi, problem } from './support/fake-designer-api.ts';
import { branch, destructivePlan } from './support/fixtures.ts';
import { deep, deepAll, mount, settle, unmountAll, waitUntil } from './support/mount.ts';

async function openPublish(): Promise<{ frame: KibanEditorFrame; panel: HTMLElement }> {
  const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch, items: [branch] });
  const button = deepAll<HTMLButtonElement>(frame, '.actions button').find((each) =>
    each.textContent?.includes('公開の準備'),
  );
  button?.click();
  await settle(frame);
  const panel = deep(frame, 'kiban-publish-panel');
  await waitUntil(() => deepAll(panel, 'table').length > 0 || deepAll(panel, '[role=alert]').length > 0);
  return { frame, panel };
}

const publishButton = (panel: HTMLElement) =>
  deepAll<HTMLButtonElement>(panel, 'button').find(
    (each) => each.textContent?.trim() === '公開する',
  ) as HTMLButtonElement;

describe('<kiban-publish-panel>', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
  });

  it('dry-runs first and shows the migration plan; a safe plan publishes at once', async () => {
    const { panel } = await openPublish();
    const [dryRun] = api.requests('POST /api/metadata/publish');
    expect(dryRun?.body).to.deep.equal({ upserts: [branch], dryRun: true, confirmDestructive: false });
    expect(deep(panel, 'table').textContent).to.contain('addColumn').and.contain('branch.school').and.contain('安全');
    expect(deepAll(panel, '#confirm')).to.have.length(0);
    publishButton(panel).click();
    await waitUntil(() => api.requests('POST /api/metadata/publish').length === 2);
    expect(api.requests('POST /api/metadata/publish')[1]?.body).to.deep.equal({
      upserts: [branch],
      dryRun: false,
      confirmDestructive: false,
    });
    await waitUntil(() => deep(panel, '[role=status]').textContent?.includes('公開しました') ?? false);
  });

  it('needs the confirmation box for destructive steps and then publishes with confirmDestructive', async () => {
    api.plan = destructivePlan;
    const { panel } = await openPublish();
    expect(deep(panel, 'table').textContent).to.contain('データが失われます').and.contain('42');
    expect(publishButton(panel).disabled).to.equal(true);
    const confirm = deep<HTMLInputElement>(panel, '#confirm');
    expect(deep(panel, 'label[for=confirm]').textContent).to.contain('データが失われる変更を確認しました');
    confirm.click();
    await settle(panel);
    expect(publishButton(panel).disabled).to.equal(false);
    publishButton(panel).click();
    await waitUntil(() => api.requests('POST /api/metadata/publish').length === 2);
    expect(api.requests('POST /api/metadata/publish')[1]?.body).to.include({ dryRun: false, confirmDestructive: true });
  });

  it('puts a 422 refusal on the fields of this item', async () => {
    api.answer['POST /api/metadata/publish'] = () =>
      problem(422, 'metadata.invalid', 'メタデータに 2 件の問題があります。', [
        { pointer: '/entity/Branch/fields/0/type', code: 'schema.enum', message: '型が正しくありません。' },
        { pointer: '/form/other/entity', code: 'ref', message: '別の項目の問題' },
      ]);
    const { frame, panel } = await openPublish();
    expect(deep(panel, '[role=alert]').textContent).to.contain('メタデータに 2 件の問題があります。');
    await settle(frame);
    expect(frame.errors).to.deep.equal([
      {
        pointer: '/fields/0/type',
        code: 'schema.enum',
        message: { ja: '型が正しくありません。', en: '型が正しくありません。' },
      },
    ]);
    expect((deep(frame, 'kiban-entity-editor') as HTMLElement & { errors: unknown[] }).errors).to.have.length(1);
    expect(publishButton(panel)).to.equal(undefined);
  });
});
