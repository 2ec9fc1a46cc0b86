import { expect } from '@esm-bundle/chai';
import type { KibanForm } from '../src/components/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { deep, deepAll, deepText, eventually, follow } from './support/deep.ts';
import { FakePortalApi } from './support/fake-portal-api.ts';
import { typeInto } from './support/mount.ts';
import '../src/resident.ts';

const startPath = location.pathname + location.search;
let api: FakePortalApi;
let app: HTMLElement;

async function open(path: string, signedIn: boolean): Promise<HTMLElement> {
  history.replaceState({}, '', path);
  api = new FakePortalApi().install();
  if (signedIn) api.principal = (await import('./support/portal-fixtures.ts')).residentApp.principal;
  app = document.createElement('kiban-resident-app');
  document.body.append(app);
  return app;
}

describe('<kiban-resident-app>', () => {
  afterEach(() => {
    app.remove();
    api.uninstall();
    history.replaceState({}, '', startPath);
    localStorage.clear();
  });

  it('offers sign-up to a visitor, then shows the home page from the metadata', async () => {
    await open('/', false);
    await eventually(() => deep(app, 'kiban-sign-in input[name=username]'));
    expect(await accessibilityViolations(app)).to.deep.equal([]);

    deep<HTMLButtonElement>(app, 'kiban-sign-in button.link')?.click();
    const name = await eventually(() => deep<HTMLInputElement>(app, 'kiban-sign-in input[name=displayName]'));
    name.value = '山田花子';
    (deep<HTMLInputElement>(app, 'kiban-sign-in input[name=username]') as HTMLInputElement).value = 'hanako';
    (deep<HTMLInputElement>(app, 'kiban-sign-in input[name=password]') as HTMLInputElement).value = 'secret-pass-1';
    deep<HTMLButtonElement>(app, 'kiban-sign-in button[type=submit]')?.click();

    const heading = await eventually(() => deep(app, 'kiban-markdown h2'));
    expect(heading.textContent).to.equal('図書館カード');
    expect(api.sent.find((request) => request.path === '/api/auth/signup')?.body).to.deep.equal({
      username: 'hanako',
      password: 'secret-pass-1',
      displayName: '山田花子',
    });
    // Sign-up answers alike for free and taken names, so the portal signs in with the new account.
    expect(api.sent.find((request) => request.path === '/api/auth/login')?.body).to.deep.equal({
      username: 'hanako',
      password: 'secret-pass-1',
    });
    // Raw HTML in Markdown is text, and a javascript: link is no link.
    expect(deepAll(app, 'img')).to.have.length(0);
    expect(deepText(app)).to.contain('<img src=x onerror=alert(1)>');
    expect(deepAll<HTMLAnchorElement>(app, 'kiban-markdown a').map((link) => link.getAttribute('href'))).to.deep.equal([
      '/apply',
    ]);
    const menu = deepAll<HTMLAnchorElement>(app, 'nav a').map((link) => link.getAttribute('href'));
    expect(menu).to.deep.equal(['/', '/apply', '/my/applications', '/profile']);
    expect(document.title).to.equal('ようこそ | 市民ポータル');
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('lists my applications with their state and opens one with its history', async () => {
    await open('/my/applications', true);
    const link = await eventually(() => deep<HTMLAnchorElement>(app, 'kiban-my-applications td a'));
    expect(deepText(deep(app, 'kiban-my-applications') as HTMLElement)).to.contain('受付済み');
    expect(await accessibilityViolations(app)).to.deep.equal([]);

    follow(link);
    await eventually(() => deep(app, 'kiban-detail #history-title'));
    // As after a page load, reading starts at the main region, and the title names the page.
    expect(app.shadowRoot?.activeElement?.id).to.equal('main');
    expect(document.title).to.equal('申請状況 | 市民ポータル');
    expect(location.pathname).to.match(/^\/my\/applications\/Application\//);
    await eventually(() => deepText(deep(app, 'kiban-detail') as HTMLElement).includes('中央図書館'));
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('submits the form of a page and announces the stored record', async () => {
    await open('/apply', true);
    const branch = await eventually(() =>
      deepAll<HTMLSelectElement>(app, 'kiban-form select#field-branch').find((select) => select.options.length > 1),
    );
    expect(await accessibilityViolations(app)).to.deep.equal([]);
    branch.value = branch.options[1].value;
    branch.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    const form = deep<KibanForm>(app, 'kiban-form') as KibanForm;
    await eventually(() => form.values.branch === branch.value);
    deep<HTMLButtonElement>(app, 'kiban-form button[type=submit]')?.click();
    await eventually(
      () => deepText(app).includes('送信しました'),
      `the confirmation; form values ${JSON.stringify(form.values)}, problems ${JSON.stringify(form.problems)}, requests ${JSON.stringify(api.sent.map((request) => `${request.method} ${request.path}`))}`,
    );
    expect(deep<HTMLAnchorElement>(app, 'kiban-form-page a')?.getAttribute('href')).to.equal('/my/applications');
    const posted = api.sent.find((request) => request.method === 'POST' && request.path === '/api/data/Application');
    expect(posted?.body).to.deep.include({ branch: branch.value });
  });

  it('saves the profile, maps a refusal to its field and switches language from it', async () => {
    await open('/profile', true);
    const email = await eventually(() => deep<HTMLInputElement>(app, 'kiban-profile-page kiban-form #field-email'));
    expect(await accessibilityViolations(app)).to.deep.equal([]);
    api.answer['PUT /api/profile'] = () =>
      new Response(
        JSON.stringify({
          status: 422,
          code: 'profile.invalid',
          detail: '入力内容を確認してください。',
          errors: [{ pointer: '/email', code: 'format', message: 'メールアドレスの形式ではありません。' }],
        }),
        { status: 422, headers: { 'content-type': 'application/problem+json' } },
      );
    typeInto(email, 'not-an-address');
    deep<HTMLButtonElement>(app, 'kiban-profile-page kiban-form button[type=submit]')?.click();
    const error = await eventually(() => deep(app, 'kiban-profile-page kiban-form #field-email-error'));
    expect(error.textContent).to.contain('メールアドレスの形式ではありません');

    delete api.answer['PUT /api/profile'];
    typeInto(email, 'hanako@example.jp');
    const language = deep<HTMLSelectElement>(app, 'kiban-profile-page kiban-form #field-language') as HTMLSelectElement;
    language.value = 'en';
    language.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    deep<HTMLButtonElement>(app, 'kiban-profile-page kiban-form button[type=submit]')?.click();
    await eventually(() => document.documentElement.lang === 'en');
    expect(api.profile).to.deep.include({ email: 'hanako@example.jp', language: 'en', consentToReuse: false });
    await eventually(() => deepAll(app, 'nav a').some((link) => link.textContent?.includes('My applications')));
  });

  it('switches language and calendar from the header', async () => {
    await open('/my/applications', true);
    await eventually(() => deep(app, 'kiban-my-applications td a'));
    const language = deep<HTMLSelectElement>(app, 'kiban-preferences #language') as HTMLSelectElement;
    language.value = 'ja-x-easy';
    language.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await eventually(() => deepText(app).includes('あなたの もうしこみ'));
    expect(document.documentElement.lang).to.equal('ja-x-easy');
    expect(deepText(app)).to.contain('令和');
    const calendar = deep<HTMLSelectElement>(app, 'kiban-preferences #calendar') as HTMLSelectElement;
    calendar.value = 'gregory';
    calendar.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await eventually(() => deepText(app).includes('2026'));
    expect(api.sent.filter((request) => request.method === 'PUT').at(-1)?.body).to.deep.include({
      language: 'ja-x-easy',
      calendar: 'gregory',
    });
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('signs out to the sign-in at home', async () => {
    await open('/profile', true);
    await eventually(() => deep(app, 'kiban-profile-page kiban-form #field-email'));
    (deepAll<HTMLButtonElement>(app, '.account button')[0] as HTMLButtonElement).click();
    await eventually(() => deep(app, 'kiban-sign-in input[name=username]'));
    expect(location.pathname).to.equal('/');
    expect(api.sent.some((request) => request.method === 'POST' && request.path === '/api/auth/logout')).to.equal(true);
    expect(deepAll(app, 'nav a')).to.have.length(0);
  });
});
