import { expect } from '@esm-bundle/chai';
import type { KibanForm, KibanSubmitDetail } from '../src/components/index.ts';
import type { EntityMetadata, FormMetadata } from '../src/metadata/index.ts';
import type { KibanFormPage } from '../src/pages/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { publishedCreateSchema } from './support/fixtures.ts';
import { mount, nextEvent, settle, shadow, typeInto, unmountAll, waitUntil } from './support/mount.ts';
import '../src/resident.ts';

const permit: EntityMetadata = {
  kind: 'entity',
  name: 'Permit',
  label: { ja: '許可申請' },
  fields: [
    { name: 'title', type: 'string', label: { ja: '件名' }, required: true },
    {
      name: 'document',
      type: 'file',
      label: { ja: '添付書類', en: 'Document' },
      required: true,
      maxSize: 2048,
      accept: ['application/pdf', 'image/png'],
    },
  ],
};

const permitForm: FormMetadata = {
  kind: 'form',
  name: 'permit',
  label: { ja: '許可申請' },
  entity: 'Permit',
  sections: [{ name: 'main', label: { ja: '申請' }, fields: [{ field: 'title' }, { field: 'document' }] }],
};

const pdf = (size: number) =>
  new File([`%PDF-1.7\n${' '.repeat(size - 9)}`], '申請書.pdf', { type: 'application/pdf' });

function choose(input: HTMLInputElement, file: File): void {
  const transfer = new DataTransfer();
  transfer.items.add(file);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('the file widget of <kiban-form>', () => {
  const realFetch = window.fetch;
  afterEach(() => {
    window.fetch = realFetch;
    for (const page of document.querySelectorAll('kiban-form-page')) page.remove();
    unmountAll();
  });

  const mountForm = (language: 'ja' | 'en' = 'ja') =>
    mount('kiban-form', { entity: permit, form: permitForm, recordSchema: publishedCreateSchema(permit), language });

  it('is a labelled native file input that says which types and sizes it takes, in the page language', async () => {
    const form = await mountForm('en');
    const input = shadow<HTMLInputElement>(form, '#field-document');
    expect(input.type).to.equal('file');
    expect(input.accept).to.equal('application/pdf,image/png');
    expect(shadow(form, 'label[for=field-document]').textContent).to.contain('Document');
    const hint = shadow(form, `#${input.getAttribute('aria-describedby')?.split(' ')[0]}`);
    expect(hint.textContent).to.contain('PDF, PNG').and.contain('2 KB');
    expect(await accessibilityViolations(form)).to.deep.equal([]);
  });

  it('refuses a missing or too large file before sending, on the field', async () => {
    const form = await mountForm();
    typeInto(shadow(form, '#field-title'), '道路使用');
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await settle(form);
    expect(form.problems.map((problem) => problem.field)).to.deep.equal(['document']);

    choose(shadow(form, '#field-document'), pdf(4096));
    await settle(form);
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await settle(form);
    expect(shadow(form, '#field-document-error').textContent).to.contain('2 KB');
    expect(shadow(form, '#field-document').getAttribute('aria-invalid')).to.equal('true');
    expect(await accessibilityViolations(form)).to.deep.equal([]);
  });

  it('hands the chosen file over beside the record, which does not carry it', async () => {
    const form = await mountForm();
    typeInto(shadow(form, '#field-title'), '道路使用');
    const file = pdf(1000);
    choose(shadow(form, '#field-document'), file);
    await settle(form);
    expect(shadow(form, '.file-chosen').textContent).to.contain('申請書.pdf');
    const submitted = nextEvent<KibanSubmitDetail>(form, 'kiban-submit');
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    const { detail } = await submitted;
    expect(detail.values).to.deep.equal({ title: '道路使用' });
    expect(detail.files.document).to.equal(file);
  });

  it('<kiban-detail> shows a stored file by its name and size, as a download link', async () => {
    const record = {
      id: 'p1',
      title: '道路使用',
      document: { id: 'f1', name: '申請書.pdf', contentType: 'application/pdf', size: 1536, sha256: 'a'.repeat(64) },
    };
    const detail = await mount('kiban-detail', { entity: permit, record });
    const values = [...(detail.shadowRoot?.querySelectorAll('dd') ?? [])].map((dd) => dd.textContent?.trim());
    expect(values).to.deep.equal(['道路使用', '申請書.pdf（1.5 KB）']);
    const link = detail.shadowRoot?.querySelector('dd a') as HTMLAnchorElement;
    expect(link.getAttribute('href')).to.equal('/api/data/Permit/p1/files/document');
    expect(link.hasAttribute('download')).to.equal(true);
  });

  it('<kiban-form-page> creates the record, then uploads the file to its field', async () => {
    const requests: { path: string; method: string; type: string | null; body: unknown }[] = [];
    window.fetch = async (input, init) => {
      const url = new URL(String(input), location.href);
      const method = init?.method ?? 'GET';
      requests.push({
        path: url.pathname + url.search,
        method,
        type: new Headers(init?.headers).get('content-type'),
        body: init?.body,
      });
      const json = (body: unknown, status = 200) =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/api/metadata') return json({ generation: 1, items: [permit, permitForm] });
      if (url.pathname === '/api/openapi.json')
        return json({ components: { schemas: { PermitCreate: publishedCreateSchema(permit) } } });
      if (url.pathname === '/api/data/Permit' && method === 'POST') return json({ id: 'p1', version: 1 }, 201);
      if (url.pathname === '/api/data/Permit/p1/files/document') return json({ id: 'f1' }, 201);
      return json({ items: [], nextCursor: null });
    };
    const page = document.createElement('kiban-form-page') as KibanFormPage;
    page.setAttribute('form-name', 'permit');
    document.body.append(page);
    await waitUntil(() => page.status === 'ready');
    await settle(page);
    const form = shadow<KibanForm>(page, 'kiban-form');
    await settle(form);
    typeInto(shadow(form, '#field-title'), '道路使用');
    const file = pdf(1000);
    choose(shadow(form, '#field-document'), file);
    await settle(form);
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await waitUntil(() => page.status === 'sent');
    const writes = requests.filter((request) => request.method === 'POST');
    expect(writes.map((request) => request.path)).to.deep.equal([
      '/api/data/Permit',
      `/api/data/Permit/p1/files/document?name=${encodeURIComponent('申請書.pdf')}`,
    ]);
    expect(JSON.parse(String(writes[0].body))).to.deep.equal({ title: '道路使用' });
    expect(writes[1].body).to.equal(file);
    expect(writes[1].type).to.equal('application/octet-stream');
  });
});
