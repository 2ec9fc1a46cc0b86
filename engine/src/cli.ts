#!/usr/bin/env node
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from './config.ts';
import { createEngine } from './engine.ts';
import { KibanError } from './errors.ts';

const USAGE = `kiban — the Kiban platform engine

Usage:
  kiban serve [--port N] [--host H] [--seed DIR]...   run the platform (PGlite in .kiban/ unless KIBAN_DATABASE_URL is set)
  kiban help

Environment: KIBAN_DATABASE_URL, KIBAN_DATA_DIR, KIBAN_HOST, KIBAN_PORT, KIBAN_ADMIN_PASSWORD,
KIBAN_SEED_METADATA, KIBAN_BODY_LIMIT_BYTES, KIBAN_SESSION_TTL_SECONDS, KIBAN_SECURE_COOKIES.`;

async function serveCommand(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string', multiple: true },
    },
  });
  const config = readConfig({
    ...process.env,
    ...(values.port ? { KIBAN_PORT: values.port } : {}),
    ...(values.host ? { KIBAN_HOST: values.host } : {}),
  });
  config.seedMetadataDirs.push(...(values.seed ?? []).map((dir) => resolve(dir)));
  const engine = await createEngine(config);
  const server = await engine.listen();
  const database = engine.database.embedded ? `PGlite (${config.dataDir}/data)` : 'PostgreSQL';
  console.log(`Kiban is running at http://${config.host}:${server.port}/ on ${database}`);
  if (engine.initialAdminPasswordFile) {
    console.log(`The first administrator is "admin"; the password is in ${engine.initialAdminPasswordFile}`);
  }
  const stop = async () => {
    await server.close();
    await engine.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return serveCommand(rest);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return;
    default:
      throw new Error(`unknown command "${command}" (try: kiban help)`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const reason =
    error instanceof KibanError
      ? `${error.code}: ${error.localized.ja} / ${error.localized.en}`
      : String((error as Error)?.message ?? error);
  console.error(`kiban: ${reason}`);
  if (error instanceof KibanError)
    for (const detail of error.details)
      console.error(`  ${detail.pointer}  ${detail.message.ja} / ${detail.message.en}`);
  process.exit(1);
});
