import { checkPluginDefinition, type DefinitionProblem } from './check-definition.ts';
import type { PluginDefinition } from './types.ts';

/** Thrown by `definePlugin` when the definition is broken; lists every problem at once. */
export class PluginDefinitionError extends Error {
  readonly plugin: string | undefined;
  readonly problems: DefinitionProblem[];

  constructor(plugin: string | undefined, problems: DefinitionProblem[]) {
    const lines = problems.map((problem) => `  ${problem.pointer || '/'}: ${problem.message.en}`);
    super(`The plugin definition${plugin ? ` "${plugin}"` : ''} is not valid:\n${lines.join('\n')}`);
    this.name = 'PluginDefinitionError';
    this.plugin = plugin;
    this.problems = problems;
  }
}

/**
 * Declares a plugin. The definition is checked when the module is imported — kebab-case name,
 * semver version and ranges, unique action and field type names, schemas that compile — so a
 * mistake shows up in the plugin's own tests, not first when an engine loads it.
 */
export function definePlugin(definition: PluginDefinition): PluginDefinition {
  const problems = checkPluginDefinition(definition);
  if (problems.length > 0) {
    const name = (definition as { name?: unknown } | null)?.name;
    throw new PluginDefinitionError(typeof name === 'string' ? name : undefined, problems);
  }
  return definition;
}
