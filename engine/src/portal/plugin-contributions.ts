import type { Principal } from '../access/index.ts';
import type { Capability, I18nText } from '../metadata/index.ts';
import type { PluginUiBundle } from '../plugins/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { Portal } from './catalog.ts';

/** A plugin's staff page as the staff shell routes to it: `/staff/plugins/<plugin>/<name>`. */
export interface CatalogStaffPage {
  plugin: string;
  name: string;
  label: I18nText;
  tag: string;
  path: string;
  menuOrder?: number;
}

/** A plugin's panel on the detail view of these entities' records. */
export interface CatalogRecordPanel {
  plugin: string;
  name: string;
  label: I18nText;
  tag: string;
  entities: string[];
}

/**
 * The pages and record panels plugins contribute to the staff portal that this principal may
 * see: staff only, gated by each contribution's capability, and panels only on entities the
 * principal may read. What the elements show still comes through the API's own checks.
 */
export function staffContributions(
  live: LiveApp,
  principal: Principal,
  portal: Portal,
  pluginUi: readonly PluginUiBundle[],
): { staffPages: CatalogStaffPage[]; recordPanels: CatalogRecordPanel[] } {
  if (portal !== 'staff' || principal.kind !== 'staff') return { staffPages: [], recordPanels: [] };
  const allowed = (capability: string | undefined) =>
    capability === undefined || live.policy.hasCapability(principal, capability as Capability);
  const readable = (entity: string) => {
    const metadata = live.entities.get(entity);
    return metadata !== undefined && live.policy.authorize(principal, metadata, 'read').allowed;
  };
  const staffPages = pluginUi
    .flatMap((bundle) =>
      bundle.staffPages
        .filter((page) => allowed(page.capability))
        .map((page) => ({
          plugin: bundle.name,
          name: page.name,
          label: page.label,
          tag: page.tag,
          path: `/staff/plugins/${bundle.name}/${page.name}`,
          ...(page.menuOrder === undefined ? {} : { menuOrder: page.menuOrder }),
        })),
    )
    .sort((a, b) => (a.menuOrder ?? Number.MAX_SAFE_INTEGER) - (b.menuOrder ?? Number.MAX_SAFE_INTEGER));
  const recordPanels = pluginUi.flatMap((bundle) =>
    bundle.recordPanels
      .filter((panel) => allowed(panel.capability))
      .map((panel) => ({
        plugin: bundle.name,
        name: panel.name,
        label: panel.label,
        tag: panel.tag,
        entities: panel.entities.filter(readable),
      }))
      .filter((panel) => panel.entities.length > 0),
  );
  return { staffPages, recordPanels };
}
