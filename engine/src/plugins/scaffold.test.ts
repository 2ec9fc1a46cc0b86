import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaffoldPlugin } from './scaffold.ts';

const REPO = resolve(import.meta.dirname, '../../..');
/** Inside the repository's plugins/, so that `@kiban/sdk` resolves as it does for a real plugin. */
const PLUGINS = join(REPO, 'plugins');
const name = `scaffold-probe-${randomBytes(4).toString('hex')}`;
const dir = join(PLUGINS, name);

/** Runs vitest on one directory in a child process, as a developer would. */
function runTests(target: string): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [join(REPO, 'node_modules/vitest/vitest.mjs'), 'run', target], {
      cwd: REPO,
      env: { ...process.env, CI: 'true' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => done({ code, output }));
  });
}

describe('scaffoldPlugin', () => {
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('writes a plugin whose own test passes against the real host', async () => {
    expect(await scaffoldPlugin(name, PLUGINS)).toBe(dir);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: `@kiban/plugin-${name}`, dependencies: { '@kiban/sdk': '*' } });
    const { code, output } = await runTests(dir);
    expect(output).toContain('5 passed');
    expect(code).toBe(0);
  });

  it('refuses a name that is not kebab-case and a directory that already has files', async () => {
    await expect(scaffoldPlugin('ParkingPermits', PLUGINS)).rejects.toMatchObject({ code: 'plugin.invalidName' });
    await mkdir(dir, { recursive: true });
    await expect(scaffoldPlugin(name, PLUGINS)).rejects.toMatchObject({ code: 'plugin.scaffoldExists' });
  });
});
