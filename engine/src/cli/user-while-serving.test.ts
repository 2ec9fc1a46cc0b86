import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { createEngine, type Engine } from '../engine.ts';

const CLI = resolve(import.meta.dirname, '../cli.ts');
const APP = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

function kiban(args: string[], input: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, KIBAN_DATABASE_URL: '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** A role declaring the staff attribute `ward`, which its row policies read as `$principal.ward`. */
const WARD_LIBRARIAN = {
  kind: 'role',
  name: 'ward-librarian',
  label: { ja: '区の図書館員' },
  audience: 'staff',
  principalAttributes: { ward: { label: { ja: '担当区' }, values: ['北区', '中央区'] } },
  permissions: [{ entity: 'Branch', actions: ['read'], where: { ward: { eq: '$principal.ward' } } }],
};

async function signIn(engine: Engine, username: string, password: string): Promise<string> {
  const login = await engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(login.status).toBe(200);
  return (login.headers.get('set-cookie') ?? '').split(';')[0];
}

/** PGlite's directory belongs to the running engine; the command joins it instead of opening it twice. */
describe('kiban user create while the engine runs on PGlite', () => {
  let dataDir: string;
  let rolesDir: string;
  let engine: Engine;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-serving-'));
    rolesDir = await mkdtemp(join(tmpdir(), 'kiban-serving-roles-'));
    await writeFile(join(rolesDir, 'ward-librarian.json'), JSON.stringify(WARD_LIBRARIAN));
    engine = await createEngine({
      ...readConfig({ KIBAN_ADMIN_PASSWORD: 'serving-admin-password' }),
      dataDir,
      seedMetadataDirs: [APP, rolesDir],
    });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(dataDir, { recursive: true, force: true });
    await rm(rolesDir, { recursive: true, force: true });
  });

  it('creates a staff member with a department that can sign in to the running engine at once', async () => {
    const run = await kiban(
      [
        'user',
        'create',
        'kato',
        '--kind',
        'staff',
        '--role',
        'librarian',
        '--department',
        '中央図書館',
        '--password-stdin',
      ],
      'kato-password-1\n',
      { KIBAN_DATA_DIR: dataDir },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^created staff kato \([0-9a-f-]{36}\) with roles: librarian\n$/);
    const cookie = await signIn(engine, 'kato', 'kato-password-1');
    const me = await (await engine.app.request('/api/auth/me', { headers: { cookie } })).json();
    expect(me.principal).toMatchObject({ username: 'kato', department: '中央図書館', roles: ['librarian'] });
  });

  it('sets staff attributes that a published role declares, and refuses a value it does not allow', async () => {
    const create = (name: string, ward: string) =>
      kiban(
        ['user', 'create', name, '--role', 'ward-librarian', '--attribute', `ward=${ward}`, '--password-stdin'],
        `${name}-password-1\n`,
        { KIBAN_DATA_DIR: dataDir },
      );
    const created = await create('kimura', '北区');
    expect(created.stderr).toContain('… creating staff kimura');
    expect(created.code).toBe(0);
    const refused = await create('mori', '南区');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[request.invalid]');
    expect(refused.stderr).toContain('/attributes/ward');
    const malformed = await kiban(['user', 'create', 'abe', '--attribute', 'ward'], '', { KIBAN_DATA_DIR: dataDir });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('--attribute takes NAME=VALUE');

    const admin = await signIn(engine, 'admin', 'serving-admin-password');
    const listed = await (await engine.app.request('/api/admin/principals', { headers: { cookie: admin } })).json();
    const byName = new Map(listed.items.map((item: { username: string }) => [item.username, item]));
    expect(byName.get('kimura')).toMatchObject({ roles: ['ward-librarian'], attributes: { ward: '北区' } });
    expect(byName.has('mori')).toBe(false);
  });
});
