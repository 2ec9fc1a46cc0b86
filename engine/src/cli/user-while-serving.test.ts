import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
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

/** PGlite's directory belongs to the running engine; the command joins it instead of opening it twice. */
describe('kiban user create while the engine runs on PGlite', () => {
  let dataDir: string;
  let engine: Engine;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-serving-'));
    engine = await createEngine({
      ...readConfig({ KIBAN_ADMIN_PASSWORD: 'serving-admin-password' }),
      dataDir,
      seedMetadataDirs: [APP],
    });
  });
  afterAll(async () => {
    await engine?.close();
    await rm(dataDir, { recursive: true, force: true });
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
    const login = await engine.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'kato', password: 'kato-password-1' }),
    });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const me = await (await engine.app.request('/api/auth/me', { headers: { cookie } })).json();
    expect(me.principal).toMatchObject({ username: 'kato', department: '中央図書館', roles: ['librarian'] });
  });
});
