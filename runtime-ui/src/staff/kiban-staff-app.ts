import { Router } from '@lit-labs/router';
import { html, LitElement, type TemplateResult } from 'lit';
import type { TitleLookup } from '../components/index.ts';
import { baseStyles, localizedString, localizedText } from '../components/shared/index.ts';
import { translate } from '../i18n/index.ts';
import { titleLookup } from '../layout/reference-titles.ts';
import type { PageMetadata, RecordData } from '../metadata/index.ts';
import type { MenuEntry } from '../portal/portal-chrome.ts';
import { PortalSession } from '../portal/portal-session.ts';
import { renderPortalShell } from '../portal/portal-shell.ts';
import { entityMetadata, type PluginStaffPage } from '../portal/portal-types.ts';
import { RouteFocus } from '../portal/route-focus.ts';
import { documentTitle, fillRoute, menuPages, type PortalRoute, type RouteParams } from '../portal/route-table.ts';
import { shellStyles } from '../portal/shell-styles.ts';
import { portalRealtime } from '../realtime/index.ts';
import { viewFor } from './default-view.ts';
import { PluginElements, renderPluginPage, renderRecordPanels } from './plugin-contributions.ts';

const HOME = '/staff';

/** Staff pages live under /staff; a page route written without it is placed there. */
export function staffPath(route: string): string {
  return route === HOME || route.startsWith(`${HOME}/`) ? route : `${HOME}${route === '/' ? '' : route}`;
}

const recordPath = (entity: string, id: string) =>
  `${HOME}/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

/**
 * `<kiban-staff-app>`: the staff portal. After sign-in: a menu of the staff pages and of the
 * entities the staff member's roles may read, each entity's list (its published view, or
 * default columns) and record detail with workflow transitions and history, and the task inbox.
 */
export class KibanStaffApp extends LitElement {
  static override styles = [baseStyles, shellStyles];

  private readonly session = new PortalSession(this, 'staff');
  private readonly router = new Router(this, [], { fallback: { render: () => this.notFound() } });
  private routes: PortalRoute[] = [];
  private routesOf: unknown;
  private titles: TitleLookup | undefined;
  private readonly pluginElements = new PluginElements();

  constructor() {
    super();
    new RouteFocus(this, (path) => documentTitle(this.routes, path, this.say('portal.staffTitle')));
  }

  protected override willUpdate(): void {
    const app = this.session.app;
    if (app && app !== this.routesOf) {
      this.routesOf = app;
      this.titles = titleLookup(app.entities, this.session.options);
      this.routes = [...this.pluginRoutes(app.staffPages ?? []), ...this.buildRoutes(app.pages)];
      this.router.routes = this.routes;
      void this.router.goto(location.pathname);
    }
  }

  private say(key: Parameters<typeof translate>[1]): string {
    return translate(this.session.preferences.language, key);
  }

  private entityLabel(name: string | undefined): string {
    const entity = name ? this.session.app?.entities[name] : undefined;
    return entity ? localizedString(entity.label, this.session.preferences.language) : '';
  }

  private buildRoutes(pages: PageMetadata[]): PortalRoute[] {
    const language = () => this.session.preferences.language;
    return [
      ...pages.map(
        (page): PortalRoute => ({
          path: staffPath(page.route),
          title: () => localizedString(page.label, language()),
          render: (params) => this.renderPage(page, params),
        }),
      ),
      { path: HOME, title: () => this.say('portal.home'), render: () => this.renderHome() },
      { path: `${HOME}/tasks`, title: () => this.say('portal.tasks'), render: () => this.renderTasks() },
      { path: `${HOME}/admin/jobs`, title: () => this.say('jobs.title'), render: () => this.renderJobs() },
      {
        path: `${HOME}/admin/settings`,
        title: () => this.say('settings.title'),
        render: () => html`<h1>${this.say('settings.title')}</h1>
          <kiban-settings-admin language=${this.session.preferences.language}></kiban-settings-admin>`,
      },
      {
        path: `${HOME}/data/:entity`,
        title: (params) => this.entityLabel(params.entity),
        render: (params) => this.renderList(params),
      },
      {
        path: `${HOME}/data/:entity/:id`,
        title: (params) => this.entityLabel(params.entity),
        render: (params) => this.renderDetail(params),
      },
    ];
  }

  private pluginRoutes(pages: PluginStaffPage[]): PortalRoute[] {
    const language = () => this.session.preferences.language;
    return pages.map((page) => ({
      path: page.path,
      title: () => localizedString(page.label, language()),
      render: () => renderPluginPage(page, this.pluginElements, this.pluginProperties(), language()),
    }));
  }

  /** What every plugin page and panel element is given. */
  private pluginProperties(): Record<string, unknown> {
    const { preferences, app } = this.session;
    return {
      language: preferences.language,
      calendar: preferences.calendar,
      principal: app?.principal,
      realtime: portalRealtime,
    };
  }

  private renderPage(page: PageMetadata, params: RouteParams): TemplateResult {
    const { preferences, app } = this.session;
    return html`<kiban-page-view
      .page=${page}
      .app=${app}
      .params=${params}
      .recordHref=${(entity: string, record: RecordData) => this.recordHref(entity, String(record.id))}
      language=${preferences.language}
      calendar=${preferences.calendar}
    ></kiban-page-view>`;
  }

  /** A staff page showing that entity's records by id, else the generic detail page. */
  private recordHref(entity: string, id: string): string {
    const detailPage = this.session.app?.pages.find(
      (page) =>
        page.route.includes(':id') && page.layout.some((block) => block.type === 'detail' && block.entity === entity),
    );
    return detailPage ? staffPath(fillRoute(detailPage.route, { id })) : recordPath(entity, id);
  }

  private renderHome(): TemplateResult {
    return html`<h1>${this.say('portal.home')}</h1>
      <ul class="menu-cards">
        ${this.menu()
          .slice(1)
          .map((entry) => html`<li><a href=${entry.href}>${entry.label}</a></li>`)}
      </ul>`;
  }

  private renderTasks(): TemplateResult {
    const { app, preferences } = this.session;
    return html`<h1>${this.say('portal.tasks')}</h1>
      <kiban-task-inbox
        .entities=${app?.entities ?? {}}
        language=${preferences.language}
        calendar=${preferences.calendar}
      ></kiban-task-inbox>`;
  }

  private renderJobs(): TemplateResult {
    const { preferences } = this.session;
    return html`<h1>${this.say('jobs.title')}</h1>
      <kiban-job-admin language=${preferences.language} calendar=${preferences.calendar}></kiban-job-admin>`;
  }

  private renderList(params: RouteParams): TemplateResult {
    const { app, preferences } = this.session;
    const entity = params.entity ? app?.entities[params.entity] : undefined;
    if (!app || !entity?.permissions.read) return this.notFound();
    return html`<h1>${localizedText(entity.label, preferences.language)}</h1>
      <kiban-list
        .view=${viewFor(app, entity)}
        .entity=${entityMetadata(entity)}
        .recordHref=${(record: RecordData) => this.recordHref(entity.name, String(record.id))}
        .titleLookup=${this.titles}
        language=${preferences.language}
        calendar=${preferences.calendar}
      ></kiban-list>`;
  }

  private renderDetail(params: RouteParams): TemplateResult {
    const { app, preferences } = this.session;
    const entity = params.entity ? app?.entities[params.entity] : undefined;
    if (!entity || !params.id) return this.notFound();
    return html`<h1>${localizedText(entity.label, preferences.language)}</h1>
      <p><a href=${`${HOME}/data/${encodeURIComponent(entity.name)}`}>${localizedText(entity.label, preferences.language)}</a></p>
      <kiban-record-view
        .entity=${entity}
        .entities=${app?.entities ?? {}}
        record-id=${params.id}
        language=${preferences.language}
        calendar=${preferences.calendar}
      ></kiban-record-view>
      ${renderRecordPanels(
        app?.recordPanels ?? [],
        entity.name,
        params.id,
        this.pluginElements,
        this.pluginProperties(),
        preferences.language,
      )}`;
  }

  private notFound(): TemplateResult {
    return html`<h1>${this.say('portal.notFound')}</h1>
      <p><a href=${HOME}>${this.say('portal.home')}</a></p>`;
  }

  /** Home, the staff pages in menu order, the task inbox, then every entity the roles may read. */
  private menu(): MenuEntry[] {
    const language = this.session.preferences.language;
    const app = this.session.app;
    const pages = menuPages(app?.pages ?? []).map((page) => ({
      href: staffPath(page.route),
      label: localizedText(page.label, language),
    }));
    const pluginPages = (app?.staffPages ?? []).map((page) => ({
      href: page.path,
      label: localizedText(page.label, language),
    }));
    const entities = Object.values(app?.entities ?? {})
      .filter((entity) => entity.permissions.read)
      .map((entity) => ({
        href: `${HOME}/data/${encodeURIComponent(entity.name)}`,
        label: localizedText(entity.label, language),
      }));
    return [
      { href: HOME, label: this.say('portal.home') },
      ...pages,
      ...pluginPages,
      { href: `${HOME}/tasks`, label: this.say('portal.tasks') },
      ...entities,
      // The built-in administrator role holds every capability, `platform.manage` included.
      ...(this.session.principal?.roles.includes('admin')
        ? [
            { href: `${HOME}/admin/jobs`, label: this.say('jobs.title') },
            { href: `${HOME}/admin/settings`, label: this.say('settings.title') },
          ]
        : []),
    ];
  }

  override render() {
    return renderPortalShell({
      session: this.session,
      router: this.router,
      title: 'portal.staffTitle',
      homeHref: HOME,
      allowSignUp: false,
      menu: () => this.menu(),
      widgetElements: this.pluginElements,
    });
  }
}
