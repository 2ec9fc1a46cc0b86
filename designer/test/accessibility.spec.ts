import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import { accessibilityViolations } from './support/axe.ts';
import { FakeDesignerApi } from './support/fake-designer-api.ts';
import { branch, branchDraft, destructivePlan } from './support/fixtures.ts';
import { deep, deepAll, mount, settle, unmountAll, waitUntil } from './support/mount.ts';

describe('designer accessibility (axe-core, WCAG 2.1 AA)', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
    api.drafts = [branchDraft];
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
    history.replaceState({}, '', '/');
  });

  it('the sign-in has no violations', async () => {
    api.principal = undefined;
    const app = await mount('kiban-designer-app', {});
    await waitUntil(() => deepAll(app, 'kiban-designer-sign-in').length > 0);
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('the shell with the item browser has no violations', async () => {
    const app = await mount('kiban-designer-app', {});
    await waitUntil(() => deepAll(app, 'kiban-item-browser').length > 0);
    await settle(deep(app, 'kiban-item-browser'));
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('the editor frame with errors, the publish plan and the JSON view has no violations', async () => {
    api.plan = destructivePlan;
    api.answer['PUT /api/metadata/drafts/entity/Branch'] = (request) =>
      new Response(
        JSON.stringify({
          item: request.body,
          revision: 1,
          errors: [
            { pointer: '/fields/0/type', code: 'x', message: { ja: '型が正しくありません。', en: 'Bad type.' } },
          ],
        }),
      );
    const frame = await mount('kiban-editor-frame', { api: new DesignerApi(), item: branch, items: [branch] });
    await frame.saveDraft();
    deepAll<HTMLButtonElement>(frame, '.actions button')
      .find((each) => each.textContent?.includes('公開の準備'))
      ?.click();
    await settle(frame);
    await waitUntil(() => deepAll(deep(frame, 'kiban-publish-panel'), 'table').length > 0);
    expect(await accessibilityViolations(frame)).to.deep.equal([]);
    deep<HTMLButtonElement>(frame, '#tab-json').click();
    await waitUntil(() => deepAll(frame, 'textarea').length > 0);
    expect(await accessibilityViolations(frame)).to.deep.equal([]);
  });

  it('the history and packages views have no violations', async () => {
    const history = await mount('kiban-history-panel', {
      api: new DesignerApi(),
      itemKey: { kind: 'entity', name: 'Branch' },
    });
    await waitUntil(() => deepAll(history, 'tbody tr').length > 0);
    expect(await accessibilityViolations(history)).to.deep.equal([]);
    const packages = await mount('kiban-packages-page', { api: new DesignerApi() });
    expect(await accessibilityViolations(packages)).to.deep.equal([]);
  });
});
