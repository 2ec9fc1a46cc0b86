import { fileURLToPath } from 'node:url';
import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { knowledgePlugin } from '../src/index.ts';
import type { PassageIndex } from '../src/passage-index.ts';

export type DatabaseKind = 'pglite' | 'postgres';

/** PGlite always; a PostgreSQL server too when `KIBAN_TEST_DATABASE_URL` names one. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/** A resident-owned `Household` entity for the benefit conditions to be checked against. */
export const TEST_APP = fileURLToPath(new URL('./app', import.meta.url));

export function startHost(kind: DatabaseKind, options: { packages?: string[] } = {}): Promise<TestHost> {
  return createTestHost({ plugins: [knowledgePlugin()], kind, packages: options.packages });
}

/** Waits until `check` passes or `milliseconds` pass (the index follows records asynchronously). */
export async function eventually<T>(check: () => Promise<T>, milliseconds = 5_000): Promise<T> {
  const deadline = Date.now() + milliseconds;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export type { PassageIndex, TestHost };
