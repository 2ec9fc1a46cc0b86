import { readFileSync } from 'node:fs';

/** The engine's version, which plugins name a range of in `requires.engine`. */
export const ENGINE_VERSION: string = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
).version;
