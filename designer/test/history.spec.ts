import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import { jsonDiff } from '../src/model/json-diff.ts';
import { FakeDesignerApi } from './support/fake-designer-api.ts';
import { branch, branchVersions, destructivePlan } from './support/fixtures.ts';
import { deep, deepAll, mount, settle, unmountAll, waitUntil } from './support/mount.ts';

describe('<kiban-history-panel>', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
  });

  const open = async () => {
    const panel = await mount('kiban-history-panel', {
      api: new DesignerApi(),
      itemKey: { kind: 'entity', name: 'Branch' },
    });
    await waitUntil(() => deepAll(panel, 'tbody tr').length > 0);
    await settle(panel);
    return panel;
  };

  it('lists the versions and the pointer-level diff between the latest two', async () => {
    const panel = await open();
    expect(deep<HTMLSelectElement>(panel, '#diff-from').value).to.equal('2');
    expect(deep<HTMLSelectElement>(panel, '#diff-to').value).to.equal('1');
    expect(api.requests('GET /api/metadata/entity/Branch/versions')).to.have.length(1);
    expect(deepAll(panel, 'table')[0]?.querySelectorAll('tbody tr')).to.have.length(2);
    const diff = deep(panel, '.diff');
    expect(diff.textContent).to.contain('/label/en').and.contain('"Branch"').and.contain('"Branch library"');
  });

  it('compares the item being edited with the live version', async () => {
    const edited = { ...branch, label: { ja: '分館（改）', en: 'Branch library' } };
    const panel = await mount('kiban-history-panel', {
      api: new DesignerApi(),
      itemKey: { kind: 'entity', name: 'Branch' },
      current: edited,
    });
    await waitUntil(() => deepAll(panel, 'tbody tr').length > 0);
    await settle(panel);
    expect(deep<HTMLSelectElement>(panel, '#diff-to').value).to.equal('0');
    expect(deep(panel, '.diff').textContent).to.contain('/label/ja').and.contain('"分館（改）"');
    expect(deep(panel, '.diff').textContent).not.to.contain('/label/en');
  });

  it('compares any two versions', async () => {
    const panel = await open();
    const to = deep<HTMLSelectElement>(panel, '#diff-to');
    to.value = '2';
    to.dispatchEvent(new Event('change'));
    await settle(panel);
    expect(deep(panel, '.diff').textContent).to.contain('違いはありません');
  });

  it('restores an old version through a dry run, then publishes its body', async () => {
    api.plan = destructivePlan;
    const panel = await open();
    deep<HTMLButtonElement>(panel, 'tbody button').click();
    await settle(panel);
    const publish = deep(panel, 'kiban-publish-panel');
    await waitUntil(() => deepAll(publish, '#confirm').length > 0);
    expect(deep(publish, 'h2').textContent).to.contain('バージョン 1 に戻す');
    expect(api.requests('POST /api/metadata/publish')[0]?.body).to.deep.equal({
      upserts: [branchVersions[1]?.body],
      dryRun: true,
      confirmDestructive: false,
    });
    deep<HTMLInputElement>(publish, '#confirm').click();
    await settle(publish);
    deepAll<HTMLButtonElement>(publish, 'button')
      .find((each) => each.textContent?.trim() === '公開する')
      ?.click();
    await waitUntil(() => api.requests('POST /api/metadata/publish').length === 2);
    expect(api.requests('POST /api/metadata/publish')[1]?.body).to.deep.equal({
      upserts: [branch],
      dryRun: false,
      confirmDestructive: true,
    });
    await waitUntil(() => api.requests('GET /api/metadata/entity/Branch/versions').length === 2);
  });

  it('shows the restored version in the editor once it is published', async () => {
    const frame = await mount('kiban-editor-frame', {
      api: new DesignerApi(),
      item: branchVersions[0]?.body ?? branch,
      revision: 2,
    });
    deepAll<HTMLButtonElement>(frame, '.actions button')
      .find((each) => each.textContent?.includes('履歴'))
      ?.click();
    await settle(frame);
    const panel = deep(frame, 'kiban-history-panel');
    await waitUntil(() => deepAll(panel, 'tbody button').length > 0);
    deep<HTMLButtonElement>(panel, 'tbody button').click();
    await settle(panel);
    const publish = deep(panel, 'kiban-publish-panel');
    await waitUntil(() => deepAll(publish, 'table').length > 0);
    deepAll<HTMLButtonElement>(publish, 'button')
      .find((each) => each.textContent?.trim() === '公開する')
      ?.click();
    await waitUntil(() => frame.revision === 0);
    expect(frame.item).to.deep.equal(branch);
  });
});

describe('jsonDiff', () => {
  it('names each differing pointer, with additions and removals in arrays and objects', () => {
    const before = { a: 1, list: [1, 2, 3], nested: { keep: true, drop: 'x' }, 'we/ird': 1 };
    const after = { a: 2, list: [1, 3], nested: { keep: true, add: null }, 'we/ird': 1 };
    expect(jsonDiff(before, after)).to.deep.equal([
      { pointer: '/a', op: 'changed', before: 1, after: 2 },
      { pointer: '/list/1', op: 'changed', before: 2, after: 3 },
      { pointer: '/list/2', op: 'removed', before: 3 },
      { pointer: '/nested/drop', op: 'removed', before: 'x' },
      { pointer: '/nested/add', op: 'added', after: null },
    ]);
    expect(jsonDiff({ x: [1] }, { x: { 0: 1 } })).to.deep.equal([
      { pointer: '/x', op: 'changed', before: [1], after: { 0: 1 } },
    ]);
    expect(jsonDiff(null, { a: 1 })).to.have.length(1);
  });
});
