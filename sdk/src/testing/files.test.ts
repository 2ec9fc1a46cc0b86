import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.ts';
import type { TestHostClient } from './test-host.ts';
import { createTestHost, type TestHost } from './test-host.ts';

/** The engine's file suite app: `Permit` with file fields, applicants who own their permits. */
const APP = resolve(import.meta.dirname, '../../../engine/src/files/test-app');
const PDF = new TextEncoder().encode(`%PDF-1.7\n1 0 obj << >> endobj\n${' '.repeat(500)}%%EOF\n`);

const scanner = definePlugin({ name: 'scanner', version: '1.0.0' });

const kinds = process.env.KIBAN_TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(kinds)('ctx.files on %s', (kind) => {
  let host: TestHost;
  let alice: TestHostClient;
  let bob: TestHostClient;

  beforeAll(async () => {
    host = await createTestHost({ plugins: [scanner], packages: [APP], kind });
    alice = await host.signInAs('resident', 'alice', ['applicant']);
    bob = await host.signInAs('resident', 'bob', ['applicant']);
  });
  afterAll(() => host.close());

  it('attaches and reads a file as a principal, under the record’s policies, in the host’s temporary directory', async () => {
    const permit = await host.data(alice.actor).create('Permit', { title: '申請' });
    const file = await host.files(alice.actor).attach('Permit', String(permit.id), 'document', {
      name: 'scan.pdf',
      content: PDF,
    });
    expect(file).toMatchObject({ contentType: 'application/pdf', size: PDF.length });
    expect(file.sha256).toBe(createHash('sha256').update(PDF).digest('hex'));
    expect(await readdir(join(host.dataDir, 'files'), { recursive: true })).toContain(
      join(file.id.slice(0, 2), file.id),
    );

    const { content } = await host.files(alice.actor).read('Permit', String(permit.id), 'document');
    const chunks: Uint8Array[] = [];
    for await (const chunk of content) chunks.push(chunk);
    expect(new Uint8Array(Buffer.concat(chunks))).toEqual(PDF);

    const refused = await host
      .files(bob.actor)
      .read('Permit', String(permit.id), 'document')
      .catch((error) => error);
    expect(refused).toMatchObject({ status: 404, code: 'record.notFound' });
  });

  it('refuses files inside a transaction: their bytes cannot roll back', async () => {
    const permit = await host.data(alice.actor).create('Permit', { title: '申請' });
    const refused = await host
      .context()
      .transaction(alice.actor, () =>
        host.files(alice.actor).attach('Permit', String(permit.id), 'document', { name: 'a.pdf', content: PDF }),
      )
      .catch((error) => error);
    expect((refused as { code?: string }).code).toBe('plugin.filesInTransaction');
  });
});
