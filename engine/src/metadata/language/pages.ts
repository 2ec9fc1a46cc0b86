// Pages of the portals.
import type { I18nText, MetadataBase } from './common.ts';

export type PageComponent =
  | { type: 'markdown'; content: I18nText }
  | { type: 'form'; form: string }
  | { type: 'list'; view: string }
  | { type: 'detail'; entity: string }
  | { type: 'component'; tag: string; props?: Record<string, unknown> };

export interface PageMetadata extends MetadataBase {
  kind: 'page';
  portal: 'resident' | 'staff';
  /** The path within the portal; `:name` segments are parameters (`:id` for a detail). */
  route: string;
  /** Who sees the page; every signed-in user of the portal when absent. */
  roles?: string[];
  menu?: { order: number };
  layout: PageComponent[];
}
