import { Router } from '@lit-labs/router';
import { html, LitElement, type TemplateResult } from 'lit';
import { baseStyles, localizedString, localizedText } from '../components/shared/index.ts';
import { translate } from '../i18n/index.ts';
import type { PageMetadata, RecordData } from '../metadata/index.ts';
import type { MenuEntry } from '../portal/portal-chrome.ts';
import { PortalSession } from '../portal/portal-session.ts';
import { renderPortalShell } from '../portal/portal-shell.ts';
import type { Profile } from '../portal/portal-types.ts';
import { RouteFocus } from '../portal/route-focus.ts';
import { documentTitle, fillRoute, menuPages, type PortalRoute, type RouteParams } from '../portal/route-table.ts';
import { shellStyles } from '../portal/shell-styles.ts';
import { PluginElements } from '../staff/plugin-contributions.ts';

/**
 * `<kiban-resident-app>`: the resident portal. Signed out, it offers sign-in and sign-up;
 * signed in, the published resident pages (menu by their order), "my applications" with
 * their workflow state and history, and the profile with language, calendar and consent.
 */
export class KibanResidentApp extends LitElement {
  static override styles = [baseStyles, shellStyles];

  private readonly session = new PortalSession(this, 'resident');
  private readonly widgetElements = new PluginElements();
  private readonly router = new Router(this, [], { fallback: { render: () => this.notFound() } });
  private routes: PortalRoute[] = [];
  private routesOf: unknown;

  constructor() {
    super();
    new RouteFocus(this, (path) => documentTitle(this.routes, path, this.say('portal.residentTitle')));
  }

  protected override willUpdate(): void {
    // The pages come with the app description: routes are rebuilt when a new one arrives.
    const app = this.session.app;
    if (app && app !== this.routesOf) {
      this.routesOf = app;
      this.routes = this.buildRoutes(app.pages);
      this.router.routes = this.routes;
      void this.router.goto(location.pathname);
    }
  }

  private say(key: Parameters<typeof translate>[1]): string {
    return translate(this.session.preferences.language, key);
  }

  private buildRoutes(pages: PageMetadata[]): PortalRoute[] {
    const language = () => this.session.preferences.language;
    const pageRoutes = pages.map(
      (page): PortalRoute => ({
        path: page.route,
        title: () => localizedString(page.label, language()),
        render: (params) => this.renderPage(page, params),
      }),
    );
    const builtIn: PortalRoute[] = [
      {
        path: '/my/applications',
        title: () => this.say('portal.myApplications'),
        render: () => html`<h1>${this.say('portal.myApplications')}</h1>
          <kiban-my-applications
            .entities=${this.session.app?.entities ?? {}}
            language=${language()}
            calendar=${this.session.preferences.calendar}
          ></kiban-my-applications>`,
      },
      {
        path: '/my/applications/:entity/:id',
        title: () => this.say('portal.myApplications'),
        render: (params) => this.renderMyRecord(params),
      },
      {
        path: '/profile',
        title: () => this.say('portal.profile'),
        render: () => html`<h1>${this.say('portal.profile')}</h1>
          <kiban-profile-page
            .profile=${this.session.profile}
            language=${language()}
            calendar=${this.session.preferences.calendar}
            @kiban-profile-saved=${(event: CustomEvent<Profile>) => this.session.profileSaved(event.detail)}
          ></kiban-profile-page>`,
      },
    ];
    const home: PortalRoute = { path: '/', title: () => this.say('portal.home'), render: () => this.renderHome() };
    return [...pageRoutes, ...builtIn, ...(pages.some((page) => page.route === '/') ? [] : [home])];
  }

  private renderPage(page: PageMetadata, params: RouteParams): TemplateResult {
    const { preferences, profile, app } = this.session;
    return html`<kiban-page-view
      .page=${page}
      .app=${app}
      .params=${params}
      .profile=${profile}
      .recordHref=${(entity: string, record: RecordData) => this.recordHref(entity, record)}
      .formNextLink=${(entity: string) =>
        app?.entities[entity]?.workflow
          ? { href: '/my/applications', label: this.say('portal.myApplications') }
          : undefined}
      language=${preferences.language}
      calendar=${preferences.calendar}
    ></kiban-page-view>`;
  }

  /** A page showing that entity's records by id, else "my applications" for workflow records. */
  private recordHref(entity: string, record: RecordData): string | undefined {
    const id = String(record.id);
    const detailPage = this.session.app?.pages.find(
      (page) =>
        page.route.includes(':id') && page.layout.some((block) => block.type === 'detail' && block.entity === entity),
    );
    if (detailPage) return fillRoute(detailPage.route, { id });
    if (this.session.app?.entities[entity]?.workflow) return `/my/applications/${entity}/${encodeURIComponent(id)}`;
    return undefined;
  }

  private renderMyRecord(params: RouteParams): TemplateResult {
    const { app, preferences } = this.session;
    const entity = params.entity ? app?.entities[params.entity] : undefined;
    if (!entity || !params.id) return this.notFound();
    return html`<h1>${localizedText(entity.label, preferences.language)}</h1>
      <p><a href="/my/applications">${this.say('myApps.back')}</a></p>
      <kiban-record-view
        .entity=${entity}
        .entities=${app?.entities ?? {}}
        record-id=${params.id}
        language=${preferences.language}
        calendar=${preferences.calendar}
      ></kiban-record-view>`;
  }

  private renderHome(): TemplateResult {
    return html`<h1>${this.say('portal.home')}</h1>
      <p>${this.say('portal.welcome')}</p>
      <ul class="menu-cards">
        ${this.menu().map((entry) => html`<li><a href=${entry.href}>${entry.label}</a></li>`)}
      </ul>`;
  }

  private notFound(): TemplateResult {
    return html`<h1>${this.say('portal.notFound')}</h1>
      <p><a href="/">${this.say('portal.home')}</a></p>`;
  }

  private menu(): MenuEntry[] {
    const language = this.session.preferences.language;
    const pages = menuPages(this.session.app?.pages ?? []).map((page) => ({
      href: page.route,
      label: localizedText(page.label, language),
    }));
    return [
      ...pages,
      { href: '/my/applications', label: this.say('portal.myApplications') },
      { href: '/profile', label: this.say('portal.profile') },
    ];
  }

  override render() {
    return renderPortalShell({
      session: this.session,
      router: this.router,
      title: 'portal.residentTitle',
      homeHref: '/',
      allowSignUp: true,
      menu: () => this.menu(),
      widgetElements: this.widgetElements,
    });
  }
}
