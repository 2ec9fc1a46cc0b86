import { resolve } from 'node:path';
import type { Engine } from '../../engine/src/engine.ts';
import { signedInStaff, startBenchEngine } from '../lib/bench-engine.ts';

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
  const { engine, close } = await startBenchEngine(databaseUrl);
  try {
    await engine.publishDirectory(INVOICE_APP);
    const { cookie } = await signedInStaff(engine, 'bench-clerk', ['clerk']);
    return { engine, cookie, close };
  } catch (error) {
    await close();
    throw error;
  }
}
