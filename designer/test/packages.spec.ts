import { expect } from '@esm-bundle/chai';
import { DesignerApi } from '../src/api/designer-api.ts';
import type { PackagePlan } from '../src/model/types.ts';
import { FakeDesignerApi } from './support/fake-designer-api.ts';
import { destructivePlan, safePlan } from './support/fixtures.ts';
import { deep, mount, settle, typeInto, unmountAll, waitUntil } from './support/mount.ts';

const plan = (migration = safePlan): PackagePlan => ({
  package: 'library',
  created: [{ kind: 'entity', name: 'Branch' }],
  changed: [{ kind: 'form', name: 'branch-form', diff: [] }],
  removed: [],
  unchanged: [{ kind: 'role', name: 'librarian' }],
  migration,
  unmetRequirements: [],
});

const archive = () =>
  new File([new Uint8Array([0x1f, 0x8b, 8, 0])], 'library-1.0.0.tar.gz', { type: 'application/gzip' });

async function chooseArchive(page: HTMLElement): Promise<void> {
  const input = deep<HTMLInputElement>(page, '#package-file');
  const files = new DataTransfer();
  files.items.add(archive());
  input.files = files.files;
  input.dispatchEvent(new Event('change'));
  await settle(page);
}

describe('<kiban-packages-page>', () => {
  let api: FakeDesignerApi;
  beforeEach(() => {
    api = new FakeDesignerApi().install();
  });
  afterEach(() => {
    unmountAll();
    api.uninstall();
  });

  it('exports the published app as a .tar.gz', async () => {
    api.answer['POST /api/admin/packages/export'] = () =>
      new Response(new Uint8Array([0x1f, 0x8b]), { headers: { 'content-type': 'application/gzip' } });
    const page = await mount('kiban-packages-page', { api: new DesignerApi() });
    typeInto(deep<HTMLInputElement>(page, '#package-name'), 'library');
    typeInto(deep<HTMLInputElement>(page, '#package-version'), '1.2.0');
    deep<HTMLFormElement>(page, 'form').requestSubmit();
    await waitUntil(() => deep(page, '[role=status]').textContent?.includes('library-1.2.0.tar.gz') ?? false);
    expect(api.requests('POST /api/admin/packages/export')[0]?.body).to.deep.equal({
      name: 'library',
      version: '1.2.0',
    });
  });

  it('plans an uploaded archive before the import button is enabled, then imports it', async () => {
    api.answer['POST /api/admin/packages/plan'] = () => new Response(JSON.stringify(plan()));
    api.answer['POST /api/admin/packages/import'] = () => new Response(JSON.stringify({ applied: true, plan: plan() }));
    const page = await mount('kiban-packages-page', { api: new DesignerApi() });
    const importButton = () => deep<HTMLButtonElement>(page, 'button.import');
    expect(importButton().disabled).to.equal(true);
    await chooseArchive(page);
    expect(importButton().disabled).to.equal(true);
    deep<HTMLButtonElement>(page, 'section:last-of-type .actions button').click();
    await waitUntil(() => !importButton().disabled);
    const [planned] = api.requests('POST /api/admin/packages/plan');
    expect(planned?.headers.get('content-type')).to.equal('application/gzip');
    expect(planned?.body).to.be.instanceOf(Blob);
    expect(deep(page, 'dl').textContent)
      .to.contain('entity/Branch')
      .and.contain('form/branch-form')
      .and.contain('role/librarian');
    importButton().click();
    await waitUntil(() => api.requests('POST /api/admin/packages/import').length === 1);
    expect(api.requests('POST /api/admin/packages/import')[0]?.path).to.equal(
      '/api/admin/packages/import?confirmDestructive=false',
    );
    await waitUntil(() => deep(page, '[role=status]').textContent?.includes('取り込みました') ?? false);
  });

  it('asks for the confirmation when the import would lose data', async () => {
    api.answer['POST /api/admin/packages/plan'] = () => new Response(JSON.stringify(plan(destructivePlan)));
    api.answer['POST /api/admin/packages/import'] = () => new Response(JSON.stringify({ applied: true }));
    const page = await mount('kiban-packages-page', { api: new DesignerApi() });
    await chooseArchive(page);
    deep<HTMLButtonElement>(page, 'section:last-of-type .actions button').click();
    await waitUntil(() => page.shadowRoot?.querySelector('#package-confirm') !== null);
    expect(deep<HTMLButtonElement>(page, 'button.import').disabled).to.equal(true);
    deep<HTMLInputElement>(page, '#package-confirm').click();
    await settle(page);
    deep<HTMLButtonElement>(page, 'button.import').click();
    await waitUntil(() => api.requests('POST /api/admin/packages/import').length === 1);
    expect(api.requests('POST /api/admin/packages/import')[0]?.path).to.contain('confirmDestructive=true');
  });
});
