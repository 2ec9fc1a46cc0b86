import type { PortalWidgetContribution, RecordPanelContribution, StaffPageContribution } from '@kiban/sdk';
import type { PluginRuntime } from './context.ts';

/** A plugin's browser code as the portals load it. */
export interface PluginUiBundle {
  name: string;
  /** Served under `/ui/plugins/<name>/`. */
  dir: string;
  /** The module the portals import: `/ui/plugins/<name>/<entry>`. */
  script: string;
  /** Custom element tag of each of the plugin's field types, by qualified type name `<plugin>.<type>`. */
  fieldWidgets: Record<string, string>;
  components: string[];
  staffPages: StaffPageContribution[];
  recordPanels: RecordPanelContribution[];
  /** Where a resident signs in at a stronger assurance (step-up): a path of the plugin's public routes. */
  stepUpPage?: string;
  portalWidgets: PortalWidgetContribution[];
}

export function pluginUiBundles(runtimes: readonly PluginRuntime[]): PluginUiBundle[] {
  return runtimes.flatMap(({ definition }) => {
    if (!definition.ui) return [];
    const fieldWidgets: Record<string, string> = {};
    for (const type of definition.fieldTypes ?? []) {
      if (type.tag) fieldWidgets[`${definition.name}.${type.name}`] = type.tag;
    }
    return [
      {
        name: definition.name,
        dir: definition.ui.dir,
        script: `/ui/plugins/${definition.name}/${definition.ui.entry}`,
        fieldWidgets,
        components: definition.ui.components ?? [],
        staffPages: definition.ui.staffPages ?? [],
        recordPanels: definition.ui.recordPanels ?? [],
        ...(definition.ui.stepUpPage
          ? { stepUpPage: `/api/public/${definition.name}/${definition.ui.stepUpPage}` }
          : {}),
        portalWidgets: definition.ui.portalWidgets ?? [],
      },
    ];
  });
}
