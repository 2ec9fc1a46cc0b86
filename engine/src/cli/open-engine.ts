import { readConfig } from '../config.ts';
import { createEngine, type Engine } from '../engine.ts';
import { progress } from './output.ts';

/** Starts the engine for a one-off command and always closes it again. */
export async function withEngine<T>(work: (engine: Engine) => Promise<T>): Promise<T> {
  // A one-off command leaves background jobs to the running servers.
  const config = { ...readConfig(), jobPollMilliseconds: 0 };
  progress(config.databaseUrl ? 'connecting to PostgreSQL' : `opening PGlite in ${config.dataDir}/data`);
  const engine = await createEngine(config);
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
