import { readConfig } from '../config.ts';
import type { Engine } from '../engine.ts';
import { withEngine } from './open-engine.ts';
import { UsageError } from './output.ts';

/**
 * Runs `kiban <name> …` for a command a loaded plugin declares (`PluginDefinition.cli`), in an
 * engine opened for it. Only names the engine does not use reach here (a built-in wins); two
 * plugins declaring one name is refused.
 */
export async function runPluginCommand(name: string, args: string[]): Promise<void> {
  // Without configured plugins there is nothing to look up: no need to open the database.
  if (readConfig().plugins.length === 0) throw new UsageError(`unknown command "${name}"`);
  await withEngine(async (engine) => {
    const command = findCommand(engine, name);
    await command.run(args);
  });
}

function findCommand(engine: Engine, name: string) {
  const matching = engine.plugins.commands.filter(({ command }) => command.name === name);
  if (matching.length === 0) throw new UsageError(`unknown command "${name}"`);
  if (matching.length > 1) {
    throw new UsageError(
      `"${name}" is declared by more than one plugin: ${matching.map(({ plugin }) => plugin).join(', ')}`,
    );
  }
  const [{ plugin, command }] = matching as [(typeof matching)[number]];
  return { run: (args: string[]) => command.run(args, engine.plugins.context(plugin)) };
}
