/** An element a plugin contributes, as the staff portal catalog lists it. */
export interface PluginPart {
  tag: string;
  plugin: string;
  /** A page component for layouts, a staff page of its own, or a panel under records. */
  kind: 'component' | 'page' | 'panel';
}

/** What `GET /api/portal/app?portal=staff` says about plugins, flattened to one list of elements. */
export interface StaffCatalogPlugins {
  plugins?: { name: string; components: string[] }[];
  staffPages?: { plugin: string; tag: string }[];
  recordPanels?: { plugin: string; tag: string }[];
}

export function pluginParts(catalog: StaffCatalogPlugins): PluginPart[] {
  return [
    ...(catalog.plugins ?? []).flatMap((plugin) =>
      plugin.components.map((tag): PluginPart => ({ tag, plugin: plugin.name, kind: 'component' })),
    ),
    ...(catalog.staffPages ?? []).map((page): PluginPart => ({ tag: page.tag, plugin: page.plugin, kind: 'page' })),
    ...(catalog.recordPanels ?? []).map(
      (panel): PluginPart => ({ tag: panel.tag, plugin: panel.plugin, kind: 'panel' }),
    ),
  ];
}
