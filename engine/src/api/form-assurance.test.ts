import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSignInSession, SESSION_COOKIE } from '../access/index.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

/** The library card app with its application form requiring public authentication (step-up). */
async function appRequiringJpki(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiban-form-assurance-'));
  await cp(LIBRARY_CARD, dir, { recursive: true });
  const path = join(dir, 'forms/library-card-application.json');
  const form = JSON.parse(await readFile(path, 'utf8'));
  await writeFile(path, JSON.stringify({ ...form, assurance: 'jpki' }));
  return dir;
}

describe.each(testDatabaseKinds())('a form requiring an assurance level on %s', (kind) => {
  let host: TestEngine;
  let metadataDir: string;
  let hanako: TestClient;
  let hanakoId: string;
  let librarian: TestClient;
  let application: { applicant: string; branch: string };

  /** Hanako again, in a session opened through public authentication (the My Number Card). */
  async function jpkiSession(): Promise<TestClient> {
    const live = host.engine.live();
    const token = await live.transaction((_em, sql) =>
      createSignInSession(sql, hanakoId, { method: 'digital-auth-app', assurance: 'jpki' }, { ttlSeconds: 600 }),
    );
    return host.client(`${SESSION_COOKIE}=${token}`);
  }

  beforeAll(async () => {
    metadataDir = await appRequiringJpki();
    host = await startTestEngine(kind, [metadataDir]);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    hanako = await host.principal('resident', 'hanako', ['resident']);
    hanakoId = (await hanako.request('GET', '/api/auth/me')).body.principal.id;
    const branch = await librarian.request('POST', '/api/data/Branch', { body: { name: '北図書館', code: 'KIT' } });
    const applicant = await hanako.request('POST', '/api/data/Applicant', {
      body: { name: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '1990-05-01' },
    });
    expect(applicant.status).toBe(201);
    application = { applicant: applicant.body.id, branch: branch.body.id };
  });
  afterAll(async () => {
    await host?.close();
    await rm(metadataDir, { recursive: true, force: true });
  });

  it('refuses a password session with 403 auth.assuranceRequired naming jpki, and stores nothing', async () => {
    const me = (await hanako.request('GET', '/api/auth/me')).body.principal;
    expect(me.signIn).toMatchObject({ method: 'password', assurance: 'low' });
    const refused = await withoutChanges(host, () =>
      hanako.request('POST', '/api/data/Application', { body: application }),
    );
    expectProblem(refused, 403, 'auth.assuranceRequired', [{ pointer: '', code: 'assurance.jpki' }]);
  });

  it('accepts the same application from a session opened with public authentication', async () => {
    const stepped = await jpkiSession();
    const created = await stepped.request('POST', '/api/data/Application', { body: application });
    expect(created.status).toBe(201);
    const stored = await stepped.request('GET', `/api/data/Application/${created.body.id}`);
    expect(stored.body).toMatchObject({ applicant: application.applicant, branch: application.branch });
  });

  it('leaves entities without such a form and staff entering records on their own authority alone', async () => {
    const applicant = await hanako.request('POST', '/api/data/Applicant', {
      body: { name: '山田 次郎', nameKana: 'ヤマダ ジロウ', birthDate: '2015-04-01' },
    });
    expect(applicant.status).toBe(201);
    const branch = await librarian.request('POST', '/api/data/Branch', { body: { name: '南図書館', code: 'MIN' } });
    expect(branch.status).toBe(201);
  });
});
