import { readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * `npm run bench -- NAME` runs the `run()` exported by `bench/NAME.ts`. Every top-level
 * module here except this dispatcher is a benchmark; helpers live in sub-folders.
 */
const benchDir = import.meta.dirname;

async function available(): Promise<string[]> {
  const files = await readdir(benchDir);
  return files
    .filter((file) => file.endsWith('.ts') && file !== basename(import.meta.filename))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
}

async function main(): Promise<void> {
  const name = process.argv[2];
  const names = await available();
  if (name === undefined || !names.includes(name)) {
    const reason = name === undefined ? 'no benchmark given' : `unknown benchmark "${name}"`;
    console.error(`${reason}; available: ${names.join(', ')} (npm run bench -- NAME)`);
    process.exitCode = 2;
    return;
  }
  const module = (await import(pathToFileURL(`${benchDir}/${name}.ts`).href)) as { run?: () => Promise<void> };
  if (typeof module.run !== 'function') throw new Error(`bench/${name}.ts exports no run()`);
  await module.run();
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`bench failed: ${message.split('\n')[0]}`);
  process.exitCode = 1;
});
