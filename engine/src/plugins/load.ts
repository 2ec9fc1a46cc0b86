import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkPluginDefinition, type PluginDefinition } from '@kiban/sdk';
import { pluginInvalid, pluginLoadFailed, pluginNotFound } from './plugin-errors.ts';

/** A plugin definition with where it came from, for messages. */
export interface LoadedPlugin {
  definition: PluginDefinition;
  /** The configuration entry it was loaded from, or `(given)` for a definition passed in. */
  source: string;
}

const BARE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/**
 * Imports the plugins the configuration names, in order. A bare name is the workspace package
 * `@kiban/plugin-<name>`; a path (`./x`, `/x`) is resolved against the working directory; any
 * other entry is imported as a module specifier. The module's default export (or its export
 * `plugin`) must be a plugin definition. Definitions given directly (tests) follow.
 */
export async function loadPlugins(entries: string[], given: PluginDefinition[]): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  for (const entry of entries) loaded.push(await importPlugin(entry));
  for (const definition of given) loaded.push(checked(definition, '(given)'));
  return loaded;
}

async function importPlugin(entry: string): Promise<LoadedPlugin> {
  const specifier = specifierOf(entry);
  let module: Record<string, unknown>;
  try {
    module = await import(specifier);
  } catch (error) {
    if (isModuleNotFound(error, specifier)) throw pluginNotFound(entry, specifier);
    throw pluginLoadFailed(entry, error);
  }
  return checked(module.default ?? module.plugin, entry);
}

function checked(definition: unknown, source: string): LoadedPlugin {
  const problems = checkPluginDefinition(definition);
  const name = (definition as { name?: unknown } | null | undefined)?.name;
  if (problems.length > 0) throw pluginInvalid(typeof name === 'string' ? name : source, problems);
  return { definition: definition as PluginDefinition, source };
}

function specifierOf(entry: string): string {
  if (BARE_NAME.test(entry)) return `@kiban/plugin-${entry}`;
  if (entry.startsWith('.') || isAbsolute(entry)) return pathToFileURL(resolve(entry)).href;
  return entry;
}

/** Only the plugin itself missing is "not found"; a missing import inside it is a load failure. */
function isModuleNotFound(error: unknown, specifier: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 'ERR_MODULE_NOT_FOUND' || typeof message !== 'string') return false;
  const path = specifier.startsWith('file:') ? new URL(specifier).pathname : specifier;
  return message.includes(`'${path}'`) || message.includes(`'${specifier}'`);
}
