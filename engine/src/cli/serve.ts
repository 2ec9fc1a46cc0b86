import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config.ts';
import { createEngine } from '../engine.ts';
import { progress } from './output.ts';

export async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { port: { type: 'string' }, host: { type: 'string' }, seed: { type: 'string', multiple: true } },
  });
  const config = readConfig({
    ...process.env,
    ...(values.port ? { KIBAN_PORT: values.port } : {}),
    ...(values.host ? { KIBAN_HOST: values.host } : {}),
  });
  config.seedMetadataDirs.push(...(values.seed ?? []).map((dir) => resolve(dir)));
  progress(config.databaseUrl ? 'starting on PostgreSQL' : `starting on PGlite in ${config.dataDir}/data`);
  const engine = await createEngine(config);
  const server = await engine.listen();
  console.log(`Kiban is running at http://${config.host}:${server.port}/`);
  if (engine.initialAdminPasswordFile) {
    console.log(`The first administrator is "admin"; the password is in ${engine.initialAdminPasswordFile}`);
  }
  const stop = async () => {
    progress('stopping');
    await server.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
