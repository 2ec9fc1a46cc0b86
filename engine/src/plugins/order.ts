import semver from 'semver';
import type { ErrorDetail } from '../errors.ts';
import type { LoadedPlugin } from './load.ts';
import { dependencyCycle, duplicatePlugin, requirementsUnmet } from './plugin-errors.ts';

/**
 * Checks what each plugin requires — the engine's version, other plugins present in a version
 * range — and orders them so that every plugin comes after those it requires, keeping the
 * configured order otherwise. Every unmet requirement is reported at once.
 */
export function orderPlugins(plugins: LoadedPlugin[], engineVersion: string): LoadedPlugin[] {
  const byName = new Map<string, LoadedPlugin>();
  for (const plugin of plugins) {
    if (byName.has(plugin.definition.name)) throw duplicatePlugin(plugin.definition.name);
    byName.set(plugin.definition.name, plugin);
  }
  const unmet = plugins.flatMap((plugin) => unmetRequirements(plugin, byName, engineVersion));
  if (unmet.length > 0) throw requirementsUnmet(unmet);
  return topologicalOrder(plugins, byName);
}

function unmetRequirements(
  { definition }: LoadedPlugin,
  byName: ReadonlyMap<string, LoadedPlugin>,
  engineVersion: string,
): ErrorDetail[] {
  const { name, requires } = definition;
  const details: ErrorDetail[] = [];
  if (requires?.engine !== undefined && !satisfies(engineVersion, requires.engine)) {
    details.push({
      pointer: `/${name}/requires/engine`,
      code: 'plugin.engineVersion',
      message: {
        ja: `プラグイン「${name}」はエンジン ${requires.engine} を必要としますが、このエンジンは ${engineVersion} です。`,
        en: `The plugin "${name}" requires engine ${requires.engine}, but this engine is ${engineVersion}.`,
      },
    });
  }
  for (const [required, range] of Object.entries(requires?.plugins ?? {})) {
    const present = byName.get(required)?.definition.version;
    if (present !== undefined && satisfies(present, range)) continue;
    details.push({
      pointer: `/${name}/requires/plugins/${required}`,
      code: present === undefined ? 'plugin.missingDependency' : 'plugin.dependencyVersion',
      message:
        present === undefined
          ? {
              ja: `プラグイン「${name}」はプラグイン「${required}」（${range}）を必要としますが、読み込まれていません。`,
              en: `The plugin "${name}" requires the plugin "${required}" (${range}), which is not loaded.`,
            }
          : {
              ja: `プラグイン「${name}」は「${required}」${range} を必要としますが、読み込まれているのは ${present} です。`,
              en: `The plugin "${name}" requires "${required}" ${range}, but ${present} is loaded.`,
            },
    });
  }
  return details;
}

function satisfies(version: string, range: string): boolean {
  return semver.satisfies(version, range, { includePrerelease: true });
}

/** Kahn's algorithm, always taking the earliest configured plugin that is ready. */
function topologicalOrder(plugins: LoadedPlugin[], byName: ReadonlyMap<string, LoadedPlugin>): LoadedPlugin[] {
  const requiredBy = (plugin: LoadedPlugin) => Object.keys(plugin.definition.requires?.plugins ?? {});
  const placed = new Set<string>();
  const ordered: LoadedPlugin[] = [];
  while (ordered.length < plugins.length) {
    const next = plugins.find(
      (plugin) => !placed.has(plugin.definition.name) && requiredBy(plugin).every((name) => placed.has(name)),
    );
    if (!next)
      throw dependencyCycle(
        findCycle(
          plugins.filter((p) => !placed.has(p.definition.name)),
          byName,
        ),
      );
    placed.add(next.definition.name);
    ordered.push(next);
  }
  return ordered;
}

/** One cycle among plugins that could not be placed: follow requirements until a name repeats. */
function findCycle(remaining: LoadedPlugin[], byName: ReadonlyMap<string, LoadedPlugin>): string[] {
  const unplaced = new Set(remaining.map((plugin) => plugin.definition.name));
  const path: string[] = [];
  let current = remaining[0].definition.name;
  while (!path.includes(current)) {
    path.push(current);
    const requires = Object.keys(byName.get(current)?.definition.requires?.plugins ?? {});
    current = requires.find((name) => unplaced.has(name)) ?? current;
  }
  return path.slice(path.indexOf(current));
}
