import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { craftTar } from '../packages/package-test-support.ts';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { LIBRARY_CARD } from './api-test-support.ts';

describe.each(testDatabaseKinds())('the engine while a hostile package is read on %s', (kind) => {
  let host: TestEngine;
  let cookie: string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    const login = await host.engine.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
    cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  });
  afterAll(() => host.close());

  it('answers /healthz and other requests before the import of a big archive is done', async () => {
    // About 22 MB unpacked from a few tens of kilobytes: thousands of entries to decompress and parse.
    const entries = Array.from({ length: 4500 }, (_, index) => ({
      path: `entities/Filler${index}.json`,
      body: 'x'.repeat(5000),
    }));
    const archive = new Uint8Array(gzipSync(craftTar(entries)));
    expect(archive.byteLength).toBeLessThan(1024 * 1024);

    const answered: string[] = [];
    const importing = Promise.resolve(
      host.engine.app.request('/api/admin/packages/import', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/gzip' },
        body: archive,
      }),
    ).then((response) => {
      answered.push('import');
      return response;
    });
    // Let the import get past the upload and into reading the archive.
    await new Promise((resolve) => setImmediate(resolve));
    const health = await host.engine.app.request('/healthz');
    answered.push('healthz');
    const me = await host.engine.app.request('/api/auth/me', { headers: { cookie } });
    answered.push('me');

    expect(health.status).toBe(200);
    expect(me.status).toBe(200);
    const imported = await importing;
    expect(answered).toEqual(['healthz', 'me', 'import']);
    // The archive is refused as a whole, over the package limits, with nothing applied.
    expect(imported.status).toBe(413);
    expect(host.engine.live().items.some((item) => item.name === 'Filler0')).toBe(false);
  });
});
