import { expect } from '@esm-bundle/chai';
import type { PortalApp } from '../src/portal/portal-types.ts';
import { type PortalRealtime, portalRealtime } from '../src/realtime/index.ts';
import { accessibilityViolations } from './support/axe.ts';
import { deep, deepAll, eventually } from './support/deep.ts';
import { FakePortalApi } from './support/fake-portal-api.ts';
import { APPLICATION_ID, staffApp } from './support/portal-fixtures.ts';
import '../src/staff.ts';

/** Elements a plugin module would define: they show what the shell gave them. */
class LedgerView extends HTMLElement {
  language = '';
  principal: { username?: string } | undefined;
  realtime: PortalRealtime | undefined;
  connectedCallback() {
    this.textContent = `ledger for ${this.principal?.username} in ${this.language}`;
  }
}
class LedgerHistory extends HTMLElement {
  entity = '';
  recordId = '';
  realtime: PortalRealtime | undefined;
  connectedCallback() {
    this.textContent = `history of ${this.entity} ${this.recordId}`;
  }
}
customElements.define('ledger-view', LedgerView);
customElements.define('ledger-history', LedgerHistory);

const withPlugins: PortalApp = {
  ...staffApp,
  staffPages: [
    {
      plugin: 'ledger',
      name: 'ledger',
      label: { ja: '台帳', en: 'Ledger' },
      tag: 'ledger-view',
      path: '/staff/plugins/ledger/ledger',
    },
  ],
  recordPanels: [
    {
      plugin: 'ledger',
      name: 'history',
      label: { ja: '台帳の履歴' },
      tag: 'ledger-history',
      entities: ['Application'],
    },
  ],
};

const startPath = location.pathname + location.search;
let api: FakePortalApi;
let app: HTMLElement;

function open(path: string): HTMLElement {
  history.replaceState({}, '', path);
  api = new FakePortalApi().install();
  api.principal = staffApp.principal;
  api.answer['GET /api/portal/app'] = () =>
    new Response(JSON.stringify(withPlugins), { headers: { 'content-type': 'application/json' } });
  app = document.createElement('kiban-staff-app');
  document.body.append(app);
  return app;
}

describe('<kiban-staff-app> with plugin pages and panels', () => {
  afterEach(() => {
    app.remove();
    api.uninstall();
    history.replaceState({}, '', startPath);
    localStorage.clear();
  });

  it('puts a plugin page in the menu after the app’s pages and draws its element there', async () => {
    open('/staff/plugins/ledger/ledger');
    const page = await eventually(() => deep<LedgerView>(app, 'ledger-view'));
    expect(page.textContent).to.equal('ledger for librarian1 in ja');
    // The portal's one realtime connection, shared by every plugin element.
    expect(page.realtime).to.equal(portalRealtime);
    expect(deep(app, 'main h1')?.textContent).to.equal('台帳');
    const menu = deepAll<HTMLAnchorElement>(app, 'nav a').map((link) => link.getAttribute('href'));
    expect(menu.slice(0, 4)).to.deep.equal([
      '/staff',
      '/staff/applications',
      '/staff/plugins/ledger/ledger',
      '/staff/tasks',
    ]);
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('adds a labelled panel per plugin under a record of an entity it applies to', async () => {
    open(`/staff/data/Application/${APPLICATION_ID}`);
    const panel = await eventually(() => deep<LedgerHistory>(app, 'ledger-history'));
    expect(panel.textContent).to.equal(`history of Application ${APPLICATION_ID}`);
    expect(panel.realtime).to.equal(portalRealtime);
    const region = deep(app, 'section.plugin-panel') as HTMLElement;
    expect(deep(app, `#${region.getAttribute('aria-labelledby')}`)?.textContent).to.equal('台帳の履歴');
    await eventually(() => deep(app, 'kiban-detail'));
    expect(await accessibilityViolations(app)).to.deep.equal([]);
  });

  it('adds no panel under records of other entities', async () => {
    open('/staff/data/Branch/b1');
    await eventually(() => deep(app, 'kiban-record-view'));
    expect(deep(app, 'ledger-history')).to.equal(undefined);
  });
});
