import { expect } from '@esm-bundle/chai';
import { accessibilityViolations } from './support/axe.ts';
import { deep, deepAll, deepText, eventually, follow } from './support/deep.ts';
import { FakePortalApi } from './support/fake-portal-api.ts';
import { APPLICATION_ID, staffApp } from './support/portal-fixtures.ts';
import '../src/staff.ts';

const startPath = location.pathname + location.search;
let api: FakePortalApi;
let app: HTMLElement;

function open(path: string, signedIn: boolean): HTMLElement {
  history.replaceState({}, '', path);
  api = new FakePortalApi().install();
  if (signedIn) api.principal = staffApp.principal;
  app = document.createElement('kiban-staff-app');
  document.body.append(app);
  return app;
}

const click = (selector: string) => (deep<HTMLButtonElement>(app, selector) as HTMLButtonElement).click();

describe('<kiban-staff-app>', () => {
  afterEach(() => {
    app.remove();
    api.uninstall();
    history.replaceState({}, '', startPath);
    localStorage.clear();
  });

  it('signs in without offering sign-up and shows the staff pages, the inbox and readable entities', async () => {
    open('/staff', false);
    const username = await eventually(() => deep<HTMLInputElement>(app, 'kiban-sign-in input[name=username]'));
    expect(deep(app, 'kiban-sign-in button.link')).to.equal(undefined);
    username.value = 'librarian1';
    (deep<HTMLInputElement>(app, 'kiban-sign-in input[name=password]') as HTMLInputElement).value = 'pw';
    click('kiban-sign-in button[type=submit]');
    await eventually(() => deep(app, '.menu-cards'));
    const menu = deepAll<HTMLAnchorElement>(app, 'nav a').map((link) => link.getAttribute('href'));
    expect(menu).to.deep.equal([
      '/staff',
      '/staff/applications',
      '/staff/tasks',
      '/staff/data/Application',
      '/staff/data/Branch',
    ]);
  });

  it('lists records from a page, opens one and makes transitions, asking for a required comment', async () => {
    open('/staff/applications', true);
    const link = await eventually(() => deep<HTMLAnchorElement>(app, 'kiban-list td a'));
    expect(link.getAttribute('href')).to.equal(`/staff/data/Application/${APPLICATION_ID}`);
    // References read as the referenced record's title once it has been looked up.
    await eventually(() => deepText(deep(app, 'kiban-list') as HTMLElement).includes('中央図書館'));
    follow(link);
    await eventually(() => deep(app, 'kiban-detail .transitions'));

    const buttons = deepAll<HTMLButtonElement>(app, 'kiban-detail .transitions button');
    buttons[1].click();
    const comment = await eventually(() => deep<HTMLTextAreaElement>(app, 'kiban-record-view #comment'));
    expect(api.sent.some((request) => request.path.includes('/transitions/'))).to.equal(false);
    comment.value = '住所が確認できません';
    click('kiban-record-view form.comment button[type=submit]');
    await eventually(() => deepText(app).includes('「却下する」を行いました。'));
    const posted = api.sent.find((request) => request.path.endsWith('/transitions/reject'));
    expect(posted?.body).to.deep.equal({ comment: '住所が確認できません' });
    expect(deepText(deep(app, 'kiban-detail') as HTMLElement)).to.contain('承認');
    expect(deepAll(app, 'kiban-detail .transitions button')).to.have.length(0);
  });

  it('shows a list of an entity without a view in default columns', async () => {
    open('/staff/data/Branch', true);
    await eventually(() => deep(app, 'kiban-list th'));
    expect(deepAll(app, 'kiban-list th').map((header) => header.textContent?.trim())).to.deep.equal([
      '館名',
      '作成日時▼',
    ]);
  });

  it('lists open tasks and reassigns one', async () => {
    open('/staff/tasks', true);
    const link = await eventually(() => deep<HTMLAnchorElement>(app, 'kiban-task-inbox td a'));
    expect(link.getAttribute('href')).to.equal(`/staff/data/Application/${APPLICATION_ID}`);
    expect(await accessibilityViolations(app)).to.deep.equal([]);
    click('kiban-task-inbox td button');
    const kind = await eventually(() => deep<HTMLSelectElement>(app, 'kiban-task-inbox #assign-kind'));
    kind.value = 'department';
    (deep<HTMLInputElement>(app, 'kiban-task-inbox input[name=value]') as HTMLInputElement).value = 'central-library';
    click('kiban-task-inbox form button[type=submit]');
    await eventually(() => deepText(app).includes('担当を変更しました。'));
    expect(api.sent.find((request) => request.path === '/api/tasks/task-1/reassign')?.body).to.deep.equal({
      assignTo: { department: 'central-library' },
    });
  });
});
