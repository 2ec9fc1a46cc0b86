import { readdir } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';

/** A part of a larger benchmark: `bench/<name>/<section>.ts` exports `run()`. */
interface SectionModule {
  run?: () => Promise<void>;
}

/**
 * Runs every section module in `dir`, in name order, or only the one named by the
 * `KIBAN_BENCH_SECTION` environment variable, so a long benchmark can be run piece by piece.
 */
export async function runSections(dir: string): Promise<void> {
  const only = process.env.KIBAN_BENCH_SECTION;
  const names = (await readdir(dir))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort();
  const chosen = only === undefined ? names : names.filter((name) => name === only);
  if (chosen.length === 0) throw new Error(`no section "${only}"; sections: ${names.join(', ')}`);
  for (const name of chosen) {
    const module = (await import(pathToFileURL(`${dir}/${name}.ts`).href)) as SectionModule;
    if (typeof module.run !== 'function') throw new Error(`${name}.ts exports no run()`);
    console.log(`\n## ${name}`);
    await module.run();
  }
}
