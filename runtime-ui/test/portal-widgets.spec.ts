import { expect } from '@esm-bundle/chai';
import { accessibilityViolations } from './support/axe.ts';
import { deep, eventually, follow } from './support/deep.ts';
import { FakePortalApi } from './support/fake-portal-api.ts';
import { residentApp } from './support/portal-fixtures.ts';
import '../src/resident.ts';

/** A plugin's widget as a test stands in for one: a button that shows what the shell gave it. */
class TestHelpButton extends HTMLElement {
  language = '';
  principal: { username?: string } | undefined;
  realtime: unknown;
  connectedCallback() {
    if (this.firstChild) return;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'ヘルプ';
    this.append(button);
  }
}
customElements.define('test-help-button', TestHelpButton);

const startPath = location.pathname + location.search;

describe('plugin widgets on every portal page', () => {
  let api: FakePortalApi;
  let app: HTMLElement;

  beforeEach(() => {
    history.replaceState({}, '', '/');
    api = new FakePortalApi().install();
    api.principal = residentApp.principal;
    api.answer['GET /api/portal/app'] = () =>
      new Response(
        JSON.stringify({
          ...residentApp,
          portalWidgets: [
            {
              plugin: 'helpdesk',
              name: 'help',
              label: { ja: 'お問い合わせ', en: 'Contact us' },
              tag: 'test-help-button',
            },
          ],
        }),
        { headers: { 'content-type': 'application/json' } },
      );
    app = document.createElement('kiban-resident-app');
    document.body.append(app);
  });

  afterEach(() => {
    app.remove();
    api.uninstall();
    history.replaceState({}, '', startPath);
    localStorage.clear();
  });

  it('draws the widget after the main content in a named region, with the shell properties, kept across pages', async () => {
    const region = await eventually(() => deep<HTMLElement>(app, 'aside.portal-widget'));
    expect(region.getAttribute('aria-label')).to.equal('お問い合わせ');
    expect(region.previousElementSibling?.localName).to.equal('main');
    const widget = region.querySelector('test-help-button') as TestHelpButton;
    expect(widget.language).to.equal('ja');
    expect(widget.principal?.username).to.equal(residentApp.principal.username);
    expect(typeof (widget.realtime as { subscribe?: unknown }).subscribe).to.equal('function');
    expect(await accessibilityViolations(app)).to.deep.equal([]);

    const apply = await eventually(() => deep<HTMLAnchorElement>(app, 'nav a[href="/apply"]'));
    follow(apply);
    await eventually(() => location.pathname === '/apply');
    await eventually(() => deep(app, 'kiban-page-view'));
    expect(deep(app, 'aside.portal-widget test-help-button')).to.equal(widget);
  });

  it('draws no widget before the resident has signed in', async () => {
    app.remove();
    api.principal = undefined;
    app = document.createElement('kiban-resident-app');
    document.body.append(app);
    await eventually(() => deep(app, 'kiban-sign-in input[name=username]'));
    expect(deep(app, 'aside.portal-widget')).to.equal(undefined);
  });
});
