import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../engine/src/testing/index.ts';

const LIBRARY = resolve(import.meta.dirname, '../examples/library-card/metadata');
const INQUIRY = resolve(import.meta.dirname, '../examples/inquiry/metadata');

describe.each(testDatabaseKinds())('the portal API on %s', (kind) => {
  let host: TestEngine;
  let uiDir: string;
  let librarian: TestClient;

  beforeAll(async () => {
    uiDir = await mkdtemp(join(tmpdir(), 'kiban-ui-'));
    await writeFile(join(uiDir, 'resident.html'), '<!doctype html><title>resident</title>');
    await writeFile(join(uiDir, 'staff.html'), '<!doctype html><title>staff</title>');
    await mkdir(join(uiDir, 'assets'));
    await writeFile(join(uiDir, 'resident.js'), `export const portal = ${JSON.stringify('x'.repeat(4000))};`);
    host = await startTestEngine(kind, [LIBRARY, INQUIRY], { uiDir });
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
  });
  afterAll(async () => {
    await host?.close();
    await rm(uiDir, { recursive: true, force: true });
  });

  it('lets a resident sign up with the roles the app grants to self sign-ups, then sign in', async () => {
    const anonymous = host.client();
    const weak = await anonymous.request('POST', '/api/auth/signup', { body: { username: 'sato', password: 'short' } });
    expect(weak.status).toBe(422);
    expect(weak.body.errors[0].pointer).toBe('/password');

    const signedUp = await anonymous.request('POST', '/api/auth/signup', {
      body: { username: 'sato', password: 'a-long-enough-passphrase', displayName: '佐藤 一郎' },
    });
    expect(signedUp.status).toBe(202);
    expect(signedUp.headers.get('set-cookie')).toBeNull();
    const resident = await host.signIn('sato', 'a-long-enough-passphrase');
    const me = await resident.request('GET', '/api/auth/me');
    expect(me.body.principal).toMatchObject({ kind: 'resident', username: 'sato', roles: ['resident'] });

    // A taken name gets the very same answer, and the account keeps its password.
    const again = await anonymous.request('POST', '/api/auth/signup', {
      body: { username: 'SATO', password: 'another-long-passphrase' },
    });
    expect(again.status).toBe(202);
    expect(again.body).toEqual(signedUp.body);
    expect(
      (
        await anonymous.request('POST', '/api/auth/login', {
          body: { username: 'sato', password: 'another-long-passphrase' },
        })
      ).status,
    ).toBe(401);
  });

  it('gives each portal the pages, entities, forms and views its user may see', async () => {
    const resident = await host.signIn('sato', 'a-long-enough-passphrase');
    const residentApp = (await resident.request('GET', '/api/portal/app?portal=resident')).body;
    expect(residentApp.pages.map((page: { name: string }) => page.name)).toEqual([
      'home',
      'register',
      'apply-library-card',
    ]);
    expect(Object.keys(residentApp.forms).sort()).toEqual(['applicant-registration', 'library-card-application']);
    expect(residentApp.entities.Application.permissions).toEqual({
      read: true,
      create: true,
      update: true,
      delete: true,
    });
    // The resident's role hides the staff notes.
    expect(residentApp.entities.Application.fields.map((field: { name: string }) => field.name)).not.toContain('notes');
    expect(residentApp.entities.Inquiry).toBeUndefined();
    expect((await resident.request('GET', '/api/portal/app?portal=staff')).body.pages).toEqual([]);

    const staffApp = (await librarian.request('GET', '/api/portal/app?portal=staff')).body;
    expect(staffApp.pages.map((page: { name: string }) => page.name)).toEqual([
      'staff-applications',
      'staff-application',
    ]);
    expect(Object.keys(staffApp.views)).toEqual(['applications-by-status']);
    expect(staffApp.forms).toEqual({});

    const bad = await resident.request('GET', '/api/portal/app?portal=designer');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].pointer).toBe('/query/portal');
  });

  it('keeps a profile per person, validated, audited by field name only', async () => {
    const resident = await host.signIn('sato', 'a-long-enough-passphrase');
    expect((await resident.request('GET', '/api/profile')).body).toMatchObject({
      displayName: '佐藤 一郎',
      consentToReuse: false,
      calendar: 'japanese',
    });
    const invalid = await resident.request('PUT', '/api/profile', {
      body: { postalCode: '1234', calendar: 'mayan', email: 'mail@example.jp' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((error: { pointer: string }) => error.pointer).sort()).toEqual([
      '/calendar',
      '/postalCode',
    ]);
    expect((await resident.request('GET', '/api/profile')).body.email).toBeNull();

    const saved = await resident.request('PUT', '/api/profile', {
      body: { postalCode: '530-0001', email: 'ichiro@example.jp', consentToReuse: true, language: 'en' },
    });
    expect(saved.status).toBe(200);
    expect((await resident.request('GET', '/api/profile')).body).toMatchObject({
      displayName: '佐藤 一郎',
      postalCode: '530-0001',
      consentToReuse: true,
      language: 'en',
    });
    const [audit] = await host.engine
      .live()
      .sql()
      .query<{ fields: string[]; detail: unknown }>(
        "select fields, detail from kiban_audit where action = 'profile.update' order by id desc limit 1",
      );
    expect([...audit.fields].sort()).toEqual(['consentToReuse', 'email', 'language', 'postalCode']);
    expect(JSON.stringify(audit)).not.toContain('ichiro@example.jp');
  });

  it("lists a resident's own records that follow a workflow, with their state", async () => {
    const resident = await host.principal('resident', 'asks', ['inquiry-resident']);
    const other = await host.principal('resident', 'other', ['inquiry-resident']);
    const body = { subject: '粗大ごみ', body: '出し方を知りたい。', category: 'waste' };
    const created = await resident.request('POST', '/api/data/Inquiry', { body });
    await other.request('POST', '/api/data/Inquiry', { body: { ...body, subject: '他人の問い合わせ' } });
    const mine = await resident.request('GET', '/api/workflows/mine');
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        entity: 'Inquiry',
        id: created.body.id,
        title: '粗大ごみ',
        workflow: 'inquiry',
        state: { name: 'received', label: expect.objectContaining({ ja: '受付' }), final: false },
      }),
    ]);
  });

  it('serves the portals outside /api, with a strict content security policy', async () => {
    const anonymous = host.client();
    const home = await anonymous.request('GET', '/');
    expect(home.status).toBe(200);
    expect(home.body).toContain('<title>resident</title>');
    expect(home.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect((await anonymous.request('GET', '/apply/anything')).body).toContain('<title>resident</title>');
    expect((await anonymous.request('GET', '/staff/applications/1')).body).toContain('<title>staff</title>');
    const script = await anonymous.request('GET', '/ui/resident.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await anonymous.request('GET', '/ui/missing.js')).status).toBe(404);
    const api = await anonymous.request('GET', '/api/nothing');
    expect(api.status).toBe(401);
    expect(api.headers.get('content-type')).toContain('application/problem+json');
  });
});
