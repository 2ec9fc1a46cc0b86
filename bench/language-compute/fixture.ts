import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPrincipal } from '../../engine/src/access/index.ts';
import { readConfig } from '../../engine/src/config.ts';
import { createEngine, type Engine } from '../../engine/src/engine.ts';

/** The invoice app: an invoice totals its lines (`sum` of quantity × unit price). */
export const INVOICE_APP = resolve(import.meta.dirname, 'metadata');

export interface InvoiceFixture {
  engine: Engine;
  /** `kiban_session=…` of a signed-in clerk. */
  cookie: string;
  close(): Promise<void>;
}

/** An engine on `databaseUrl` with the invoice app published and a clerk signed in. */
export async function startInvoiceFixture(databaseUrl: string): Promise<InvoiceFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-bench-'));
  const config = { ...readConfig({ KIBAN_ADMIN_PASSWORD: randomBytes(18).toString('base64url') }), dataDir };
  // The bench owns the database's lifetime: it drops the whole database after the engine closes.
  const engine = await createEngine(config, { database: { url: databaseUrl, embedded: false, close: async () => {} } });
  const close = async () => {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await engine.publishDirectory(INVOICE_APP);
    const password = randomBytes(18).toString('base64url');
    await createPrincipal(engine.live().sql(), { kind: 'staff', username: 'bench-clerk', password, roles: ['clerk'] });
    const response = await engine.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-clerk', password }),
    });
    if (response.status !== 200) throw new Error(`sign-in failed: ${await response.text()}`);
    return { engine, cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], close };
  } catch (error) {
    await close();
    throw error;
  }
}
