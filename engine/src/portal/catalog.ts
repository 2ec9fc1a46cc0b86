import { ADMIN_ROLE, type Principal } from '../access/index.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  FormMetadata,
  I18nText,
  PageMetadata,
  ViewMetadata,
} from '../metadata/index.ts';
import type { PluginUiBundle } from '../plugins/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { workflowOf } from '../runtime/workflows.ts';
import { type CatalogRecordPanel, type CatalogStaffPage, staffContributions } from './plugin-contributions.ts';
import { type CatalogPortalWidget, portalWidgets } from './portal-widgets.ts';

export type Portal = 'resident' | 'staff';

export interface CatalogEntity {
  name: string;
  label: I18nText;
  titleField?: string;
  /** The fields the caller may see (all of them when they may only create). */
  fields: FieldDefinition[];
  permissions: { read: boolean; create: boolean; update: boolean; delete: boolean };
  workflow?: { name: string; stateField: string; states: { name: string; label: I18nText; final: boolean }[] };
}

/** What one portal shows one principal: their pages, and the entities, forms and views behind them. */
export interface PortalCatalog {
  generation: number;
  principal: Principal;
  pages: PageMetadata[];
  entities: Record<string, CatalogEntity>;
  forms: Record<string, FormMetadata>;
  views: Record<string, ViewMetadata>;
  /** The plugins' browser code to import before drawing: field widgets and page components. */
  plugins: { name: string; script: string; fieldWidgets: Record<string, string>; components: string[] }[];
  /** Staff portal pages and record panels of plugins, those this principal may see. */
  staffPages: CatalogStaffPage[];
  recordPanels: CatalogRecordPanel[];
  /** Where a resident steps up to a stronger sign-in (a plugin's page), when a plugin offers one. */
  stepUpPage?: string;
  /** Elements plugins draw beside every page of this portal, those this principal may see. */
  portalWidgets: CatalogPortalWidget[];
}

/**
 * Everything a portal shell needs to draw its menus and pages for this principal, decided by
 * the same policy as the API: nothing here lets anyone read or write more than REST would.
 */
export function portalCatalog(
  live: LiveApp,
  principal: Principal,
  portal: Portal,
  pluginUi: readonly PluginUiBundle[] = [],
): PortalCatalog {
  const entities: Record<string, CatalogEntity> = {};
  for (const entity of live.entities.values()) {
    const catalogued = catalogEntity(live, principal, entity);
    if (catalogued) entities[entity.name] = catalogued;
  }
  const forms: Record<string, FormMetadata> = {};
  const views: Record<string, ViewMetadata> = {};
  for (const item of live.items) {
    if (item.kind === 'form' && entities[item.entity]?.permissions.create) forms[item.name] = item;
    if (item.kind === 'view' && entities[item.entity]?.permissions.read) views[item.name] = item;
  }
  return {
    generation: live.generation,
    principal,
    pages: visiblePages(live, principal, portal),
    entities,
    forms,
    views,
    plugins: pluginUi.map(({ name, script, fieldWidgets, components }) => ({ name, script, fieldWidgets, components })),
    ...staffContributions(live, principal, portal, pluginUi),
    ...stepUpOf(pluginUi),
    portalWidgets: portalWidgets(live, principal, portal, pluginUi),
  };
}

/** The first plugin page offering a stronger sign-in; the portal sends a resident there when a form needs one. */
function stepUpOf(pluginUi: readonly PluginUiBundle[]): { stepUpPage?: string } {
  const page = pluginUi.find((bundle) => bundle.stepUpPage)?.stepUpPage;
  return page ? { stepUpPage: page } : {};
}

/** The portal's pages this principal may open, menu order first. */
export function visiblePages(live: LiveApp, principal: Principal, portal: Portal): PageMetadata[] {
  if (principal.kind !== portal) return [];
  const admin = principal.roles.includes(ADMIN_ROLE);
  return live.items
    .filter((item): item is PageMetadata => item.kind === 'page' && item.portal === portal)
    .filter((page) => admin || !page.roles || page.roles.some((role) => principal.roles.includes(role)))
    .sort(
      (a, b) =>
        (a.menu?.order ?? Number.MAX_SAFE_INTEGER) - (b.menu?.order ?? Number.MAX_SAFE_INTEGER) ||
        a.name.localeCompare(b.name),
    );
}

function catalogEntity(live: LiveApp, principal: Principal, entity: EntityMetadata): CatalogEntity | undefined {
  const decide = (action: 'read' | 'create' | 'update' | 'delete') => live.policy.authorize(principal, entity, action);
  const read = decide('read');
  const permissions = {
    read: read.allowed,
    create: decide('create').allowed,
    update: decide('update').allowed,
    delete: decide('delete').allowed,
  };
  if (!permissions.read && !permissions.create) return undefined;
  const hidden = permissions.read ? read.hiddenFields : decide('create').hiddenFields;
  const workflow = workflowOf(live, entity.name);
  return {
    name: entity.name,
    label: entity.label,
    ...(entity.titleField ? { titleField: entity.titleField } : {}),
    fields: entity.fields.filter((field) => !hidden.has(field.name)),
    permissions,
    ...(workflow
      ? {
          workflow: {
            name: workflow.name,
            stateField: workflow.stateField,
            states: workflow.states.map((state) => ({
              name: state.name,
              label: state.label,
              final: state.final ?? false,
            })),
          },
        }
      : {}),
  };
}
