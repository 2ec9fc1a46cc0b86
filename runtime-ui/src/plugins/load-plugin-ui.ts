import { registerFieldWidget, registerPageComponent } from './registry.ts';

/** A plugin's browser code, as `GET /api/portal/app` lists it. */
export interface PluginUi {
  name: string;
  /** The module that defines the plugin's custom elements, on this origin. */
  script: string;
  /** Tag of each field type's widget, by `<plugin>.<type>`. */
  fieldWidgets: Record<string, string>;
  components: string[];
}

/**
 * Registers what the plugins declare and imports their modules, which define the elements.
 * A plugin whose module fails to load leaves its fields to the plain inputs of their base
 * types and its components to the "not available" block; the rest of the portal works.
 */
export async function loadPluginUi(plugins: readonly PluginUi[]): Promise<string[]> {
  const failed: string[] = [];
  await Promise.all(
    plugins.map(async (plugin) => {
      try {
        await import(/* @vite-ignore */ plugin.script);
        for (const [type, tag] of Object.entries(plugin.fieldWidgets)) registerFieldWidget(type, tag);
        for (const tag of plugin.components) registerPageComponent(tag, tag);
      } catch {
        failed.push(plugin.name);
      }
    }),
  );
  return failed;
}
