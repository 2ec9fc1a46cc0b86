import { runSections } from './lib/sections.ts';

/** `npm run bench -- platform`; `KIBAN_BENCH_SECTION=<file name>` runs one section. */
export const run = (): Promise<void> => runSections(`${import.meta.dirname}/platform`);
