import { expect } from '@esm-bundle/chai';
import type { KibanDesignerApp } from '../src/app/kiban-designer-app.ts';
import { FakeDesignerApi } from './support/fake-designer-api.ts';
import { branchDraft, newWorkflowDraft } from './support/fixtures.ts';
import { deep, deepAll, deepText, mount, settle, typeInto, unmountAll, waitUntil } from './support/mount.ts';

async function mountApp(api: FakeDesignerApi): Promise<KibanDesignerApp> {
  const app = await mount('kiban-designer-app', {});
  await waitUntil(
    () => deepAll(app, 'kiban-item-browser').length > 0 || deepAll(app, 'kiban-designer-sign-in').length > 0,
  );
  await settle(app);
  void api;
  return app;
}

describe('<kiban-designer-app> item browser', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
    api.drafts = [branchDraft, newWorkflowDraft];
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
    history.replaceState({}, '', '/');
  });

  it('lists published items and drafts by kind, each linking to its editor', async () => {
    const app = await mountApp(api);
    const browser = deep(app, 'kiban-item-browser');
    const section = (kind: string) => deep(browser, `section[data-kind="${kind}"]`);
    expect(section('entity').textContent)
      .to.contain('Branch')
      .and.contain('公開中')
      .and.contain('下書きあり（リビジョン 3）');
    expect(section('form').textContent).to.contain('branch-form');
    expect(section('role').textContent).to.contain('librarian');
    expect(section('workflow').textContent).to.contain('branch-review').and.contain('下書きあり（リビジョン 1）');
    expect(section('workflow').textContent).not.to.contain('公開中');
    expect(section('page').textContent).to.contain('まだありません');
    const link = section('entity').querySelector('a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('/designer/items/entity/Branch');
    expect(api.requests('GET /api/metadata')).to.have.length(1);
    expect(api.requests('GET /api/metadata/drafts')).to.have.length(1);
  });

  it('shows the sign-in first, and the browser after a staff member signs in', async () => {
    api.principal = undefined;
    const app = await mountApp(api);
    const signIn = deep(app, 'kiban-designer-sign-in');
    typeInto(deep<HTMLInputElement>(signIn, '#username'), 'admin');
    typeInto(deep<HTMLInputElement>(signIn, '#password'), 'secret');
    deep<HTMLButtonElement>(signIn, 'button[type=submit]').click();
    await waitUntil(() => deepAll(app, 'kiban-item-browser').length > 0);
    expect(api.requests('POST /api/auth/login')[0]?.body).to.deep.equal({ username: 'admin', password: 'secret' });
  });

  it('says so when the account may not read metadata', async () => {
    api.principal = { id: 'p-2', username: 'clerk', displayName: null, roles: ['clerk'] };
    api.answer['GET /api/metadata'] = () =>
      new Response(JSON.stringify({ status: 403, code: 'access.denied' }), { status: 403 });
    const app = await mount('kiban-designer-app', {});
    await waitUntil(() => deepText(app).includes('metadata.read'));
  });

  it('switches to English, for the texts and for the server messages', async () => {
    const app = await mountApp(api);
    const select = deep<HTMLSelectElement>(app, '#language');
    select.value = 'en';
    select.dispatchEvent(new Event('change'));
    await settle(app);
    await settle(deep(app, 'kiban-item-browser'));
    expect(deep(deep(app, 'kiban-item-browser'), 'h1').textContent).to.equal('Items');
    expect(localStorage.getItem('kiban:designer-language')).to.equal('en');
    deep<HTMLButtonElement>(app, 'header button').click();
    await waitUntil(() => api.requests('POST /api/auth/logout').length === 1);
    expect(api.requests('POST /api/auth/logout')[0]?.headers.get('accept-language')).to.equal('en');
    document.documentElement.lang = 'ja';
  });

  it('creates a new item from its kind template and opens it in the editor', async () => {
    const app = await mountApp(api);
    const browser = deep(app, 'kiban-item-browser');
    deep<HTMLSelectElement>(browser, '#new-kind').value = 'view';
    typeInto(deep<HTMLInputElement>(browser, '#new-name'), 'Bad Name');
    deep<HTMLButtonElement>(browser, 'form button[type=submit]').click();
    await settle(browser);
    expect(deep(browser, '#new-name').getAttribute('aria-invalid')).to.equal('true');
    typeInto(deep<HTMLInputElement>(browser, '#new-name'), 'branch-list');
    deep<HTMLButtonElement>(browser, 'form button[type=submit]').click();
    await waitUntil(() => deepAll(app, 'kiban-editor-frame').length > 0);
    const frame = deep(app, 'kiban-editor-frame') as HTMLElementTagNameMap['kiban-editor-frame'];
    expect(frame.item).to.deep.include({
      kind: 'view',
      name: 'branch-list',
      entity: 'Branch',
      columns: [{ field: 'name' }],
    });
    expect(frame.revision).to.equal(0);
    expect(location.pathname).to.equal('/designer/items/view/branch-list');
  });
});
