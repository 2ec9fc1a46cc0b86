import type { TemplateResult } from 'lit';
import type { PageMetadata } from '../metadata/index.ts';

export type RouteParams = Record<string, string | undefined>;

/** A route of a portal shell: a URL pattern path, the document title there, and its view. */
export interface PortalRoute {
  path: string;
  title(params: RouteParams): string;
  render(params: RouteParams): TemplateResult;
}

/** The title of the route matching `pathname`, first match wins as in the router. */
export function titleAt(routes: readonly PortalRoute[], pathname: string): string | undefined {
  for (const route of routes) {
    const match = new URLPattern({ pathname: route.path }).exec({ pathname });
    if (match) return route.title(match.pathname.groups);
  }
  return undefined;
}

/** `申請する | 市民ポータル`: the page, then the portal. */
export function documentTitle(routes: readonly PortalRoute[], pathname: string, portalTitle: string): string {
  const page = titleAt(routes, pathname);
  return page ? `${page} | ${portalTitle}` : portalTitle;
}

/** A page's path with its parameters filled in, e.g. `/records/:id` → `/records/42`. */
export function fillRoute(route: string, params: RouteParams): string {
  return route.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** Pages that belong in the menu: those with a menu order and no parameter to fill. */
export function menuPages(pages: readonly PageMetadata[]): PageMetadata[] {
  return pages
    .filter((page) => page.menu !== undefined && !page.route.includes(':'))
    .sort((a, b) => (a.menu?.order ?? 0) - (b.menu?.order ?? 0));
}
