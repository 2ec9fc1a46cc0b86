import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = resolve(import.meta.dirname, '../cli.ts');
const PLUGIN = resolve(import.meta.dirname, 'fixtures/echo-command-plugin.ts');

function kiban(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { ...process.env, KIBAN_ADMIN_PASSWORD: 'cli-admin-password', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end();
  });
}

// Each run opens the engine on PGlite: slow on a busy machine.
const ENGINE_RUNS = { timeout: 240_000 };

describe('commands plugins add to the kiban CLI', () => {
  let dataDir: string;
  const env = () => ({ KIBAN_DATA_DIR: dataDir, KIBAN_PLUGINS: PLUGIN });

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-plugin-cli-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'runs a plugin command with its arguments and context, and reports its failure on one line',
    ENGINE_RUNS,
    async () => {
      const ok = await kiban(['echo', 'a', 'b'], env());
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stdout).toBe('echo-command: a b\n');
      const failed = await kiban(['echo', 'fail'], env());
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('kiban: echo failed on purpose');
    },
  );

  it('keeps built-in commands and refuses unknown ones', ENGINE_RUNS, async () => {
    const unknown = await kiban(['nothing-here'], env());
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('kiban: unknown command "nothing-here"');
    const withoutPlugins = await kiban(['echo'], { KIBAN_DATA_DIR: dataDir, KIBAN_PLUGINS: '' });
    expect(withoutPlugins.code).toBe(2);
    expect(withoutPlugins.stderr.trim()).toBe('kiban: unknown command "echo" (try: kiban help)');
  });
});
