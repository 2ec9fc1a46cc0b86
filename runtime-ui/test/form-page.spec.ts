import { expect } from '@esm-bundle/chai';
import type { KibanForm } from '../src/components/index.ts';
import type { KibanFormPage } from '../src/pages/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { everyType, everyTypeForm, publishedCreateSchema } from './support/fixtures.ts';
import { settle, shadow, typeInto, unmountAll, waitUntil } from './support/mount.ts';
import '../src/resident.ts';

const realFetch = window.fetch;
const posted: { body: unknown; language: string | null }[] = [];
let answerPost: () => Response;
let publishedForm: typeof everyTypeForm = everyTypeForm;

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** The engine's API as the page sees it: published metadata, the OpenAPI document, record writes. */
function fakeApi(input: RequestInfo | URL, init?: RequestInit): Response {
  const url = new URL(String(input), location.href);
  if (url.pathname === '/api/metadata') return json({ generation: 1, items: [everyType, publishedForm] });
  if (url.pathname === '/api/openapi.json') {
    return json({ components: { schemas: { EverythingCreate: publishedCreateSchema(everyType) } } });
  }
  if (url.pathname === '/api/data/Everything' && init?.method === 'POST') {
    posted.push({ body: JSON.parse(String(init.body)), language: new Headers(init.headers).get('accept-language') });
    return answerPost();
  }
  return json({ items: [], nextCursor: null });
}

async function openPage(
  setUp: (page: KibanFormPage) => void = () => {},
): Promise<{ page: KibanFormPage; form: KibanForm }> {
  const page = document.createElement('kiban-form-page');
  page.setAttribute('form-name', 'every-type');
  setUp(page);
  document.body.append(page);
  await waitUntil(() => page.status === 'ready');
  await settle(page);
  const form = shadow<KibanForm>(page, 'kiban-form');
  await settle(form);
  return { page, form };
}

describe('<kiban-form-page>', () => {
  beforeEach(() => {
    posted.length = 0;
    window.fetch = async (input, init) => fakeApi(input, init);
  });
  afterEach(() => {
    window.fetch = realFetch;
    publishedForm = everyTypeForm;
    for (const page of document.querySelectorAll('kiban-form-page')) page.remove();
    unmountAll();
  });

  it('loads the published form and shows a refusal of the server on the field it names', async () => {
    answerPost = () =>
      json(
        {
          type: 'urn:kiban:problem:record.duplicate',
          title: 'record.duplicate',
          status: 409,
          code: 'record.duplicate',
          detail: '同じ値がすでに登録されています。',
          errors: [{ pointer: '/name', code: 'record.duplicate', message: 'この氏名はすでに登録されています。' }],
        },
        409,
        'application/problem+json',
      );
    const { page, form } = await openPage();
    typeInto(shadow(form, '#field-name'), '山田');
    await settle(form);
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await waitUntil(() => form.problems.length > 0);
    await settle(form);
    expect(posted).to.deep.equal([{ body: { name: '山田' }, language: 'ja' }]);
    expect(shadow(form, '#field-name-error').textContent).to.contain('すでに登録されています');
    expect(shadow(form, '.summary').textContent).to.contain('同じ値がすでに登録されています');
    expect(page.status).to.equal('ready');
  });

  it('confirms a stored record and forgets the draft', async () => {
    answerPost = () => json({ id: 'x', version: 1, name: '山田' }, 201);
    const { page, form } = await openPage();
    typeInto(shadow(form, '#field-name'), '山田');
    await settle(form);
    shadow<HTMLButtonElement>(form, 'button')
      .parentElement?.querySelector<HTMLButtonElement>('button:not([type=submit])')
      ?.click();
    expect(localStorage.getItem('kiban:form-draft:every-type')).to.contain('山田');
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await waitUntil(() => page.status === 'sent');
    await settle(page);
    expect(shadow(page, '[role=status]').textContent).to.contain('送信しました');
    expect(localStorage.getItem('kiban:form-draft:every-type')).to.equal(null);
  });

  it('sends a resident signed in with a password to step up before a form needing public authentication', async () => {
    publishedForm = { ...everyTypeForm, assurance: 'jpki' };
    const { page } = await openPage((element) => {
      element.signInAssurance = 'low';
      element.stepUpPage = '/api/public/identity/pages/sign-in';
    });
    await settle(page);
    expect(shadow(page, '.step-up-notice [role=note]').textContent).to.contain('マイナンバーカード');
    const link = new URL(shadow<HTMLAnchorElement>(page, 'a.step-up').href);
    expect(link.pathname).to.equal('/api/public/identity/pages/sign-in');
    expect(link.searchParams.get('assurance')).to.equal('jpki');
    expect(link.searchParams.get('return')).to.equal(`${location.pathname}${location.search}`);
    expect(await accessibilityViolations(page)).to.deep.equal([]);
  });

  it('shows no notice to a session strong enough, and one after a refusal naming the level', async () => {
    publishedForm = { ...everyTypeForm, assurance: 'substantial' };
    answerPost = () =>
      json(
        {
          type: 'urn:kiban:problem:auth.assuranceRequired',
          title: 'auth.assuranceRequired',
          status: 403,
          code: 'auth.assuranceRequired',
          detail: 'この申請には、より確かな本人確認でのサインインが必要です。',
          errors: [{ pointer: '', code: 'assurance.jpki', message: '必要な保証レベル: jpki' }],
        },
        403,
        'application/problem+json',
      );
    const { page, form } = await openPage((element) => {
      element.signInAssurance = 'jpki';
      element.stepUpPage = '/api/public/identity/pages/sign-in';
    });
    expect(page.shadowRoot?.querySelector('.step-up-notice')).to.equal(null);
    typeInto(shadow(form, '#field-name'), '山田');
    await settle(form);
    shadow<HTMLButtonElement>(form, 'button[type=submit]').click();
    await waitUntil(() => page.refusedLevel !== undefined);
    await settle(page);
    expect(shadow(page, '.step-up-notice [role=alert]').textContent).to.contain('マイナンバーカード');
    expect(new URL(shadow<HTMLAnchorElement>(page, 'a.step-up').href).searchParams.get('assurance')).to.equal('jpki');
    expect(await accessibilityViolations(page)).to.deep.equal([]);
  });
});
