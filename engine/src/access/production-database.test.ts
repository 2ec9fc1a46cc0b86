import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createEngine } from '../engine.ts';
import { createServerDatabase } from '../testing/databases.ts';
import { TEST_ADMIN_PASSWORD } from '../testing/index.ts';

const serverUrl = process.env.KIBAN_TEST_DATABASE_URL;

/** The production start refuses any database whose audit trail the engine itself could rewrite. */
describe('a production start (KIBAN_ENV=production)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-production-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const production = (databaseUrl?: string) => ({
    ...readConfig({ KIBAN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, KIBAN_ENV: 'production' }),
    databaseUrl,
    dataDir,
  });

  it('reads only "development" or "production" from KIBAN_ENV', () => {
    expect(readConfig({}).production).toBe(false);
    expect(readConfig({ KIBAN_ENV: 'development' }).production).toBe(false);
    expect(readConfig({ KIBAN_ENV: 'production' }).production).toBe(true);
    expect(() => readConfig({ KIBAN_ENV: 'prod' })).toThrow(/KIBAN_ENV must be "development" or "production"/);
  });

  it('is refused on the embedded PGlite, which runs inside the engine as its superuser', async () => {
    await expect(createEngine(production())).rejects.toMatchObject({
      code: 'config.embeddedDatabaseInProduction',
      message: expect.stringContaining('KIBAN_DATABASE_URL'),
    });
  }, 120_000);

  it.skipIf(!serverUrl)(
    'is refused on PostgreSQL as a superuser',
    async () => {
      const database = await createServerDatabase(serverUrl as string, 'kiban_t');
      try {
        await expect(createEngine(production(database.url))).rejects.toMatchObject({
          code: 'config.databaseRoleTooPowerful',
          message: expect.stringMatching(/is a superuser/),
        });
      } finally {
        await database.close();
      }
    },
    120_000,
  );
});
