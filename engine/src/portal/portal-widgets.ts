import type { Principal } from '../access/index.ts';
import type { Capability, I18nText } from '../metadata/index.ts';
import type { PluginUiBundle } from '../plugins/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { Portal } from './catalog.ts';

/** An element a plugin puts beside every page of this portal (a chat launcher). */
export interface CatalogPortalWidget {
  plugin: string;
  name: string;
  label: I18nText;
  tag: string;
}

/**
 * The widgets plugins contribute to this portal that this principal may see: the principal must
 * belong to the portal (a resident on the resident portal, staff on the staff portal), and each
 * widget's capability, when it names one, must be granted. What the elements show still comes
 * through the API's own checks.
 */
export function portalWidgets(
  live: LiveApp,
  principal: Principal,
  portal: Portal,
  pluginUi: readonly PluginUiBundle[],
): CatalogPortalWidget[] {
  if (principal.kind !== portal) return [];
  return pluginUi.flatMap((bundle) =>
    bundle.portalWidgets
      .filter((widget) => widget.portals.includes(portal))
      .filter(
        (widget) =>
          widget.capability === undefined || live.policy.hasCapability(principal, widget.capability as Capability),
      )
      .map((widget) => ({ plugin: bundle.name, name: widget.name, label: widget.label, tag: widget.tag })),
  );
}
