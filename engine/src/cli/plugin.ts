import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldPlugin } from '../plugins/index.ts';
import { withEngine } from './open-engine.ts';
import { progress, UsageError } from './output.ts';

const USAGE = 'usage: kiban plugin new NAME [--dir plugins] | kiban plugin list';

/** `plugin new` writes a working plugin skeleton; `plugin list` shows what KIBAN_PLUGINS loads. */
export async function pluginCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { dir: { type: 'string', default: 'plugins' } },
  });
  if (sub === 'new') {
    const [name] = positionals;
    if (!name) throw new UsageError(USAGE);
    const dir = await scaffoldPlugin(name, resolve(values.dir));
    console.log(`created ${dir}`);
    console.log('next: npm install (links the new workspace), then npm test');
    return;
  }
  if (sub === 'list') {
    await withEngine(async (engine) => {
      progress('loading the configured plugins');
      const { names } = engine.plugins;
      if (names.length === 0) console.log('No plugins are configured (set KIBAN_PLUGINS).');
      for (const name of names) console.log(`${name}@${engine.plugins.context(name).plugin.version}`);
    });
    return;
  }
  throw new UsageError(USAGE);
}
