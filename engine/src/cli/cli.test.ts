import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/index.ts';
import { openTestDatabase, testDatabaseKinds } from '../testing/index.ts';

const CLI = resolve(import.meta.dirname, '../cli.ts');
const APP = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe.each(testDatabaseKinds())('the kiban CLI on %s', (kind) => {
  let database: DatabaseHandle;
  let dataDir: string;

  const kiban = (args: string[], input = '', env: Record<string, string> = {}): Promise<CliRun> =>
    new Promise((done) => {
      const child = spawn(process.execPath, [CLI, ...args], {
        env: {
          ...process.env,
          KIBAN_DATABASE_URL: database.url,
          KIBAN_DATA_DIR: dataDir,
          KIBAN_ADMIN_PASSWORD: 'cli-admin-password',
          KIBAN_SEED_METADATA: APP,
          ...env,
        },
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
      child.stdin.end(input);
    });

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-cli-'));
  });
  afterAll(async () => {
    await database.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exits 2 with a one-line reason for an unknown command', async () => {
    const run = await kiban(['bogus']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe('kiban: unknown command "bogus" (try: kiban help)');
  });

  it('creates a user whose password comes from standard input, never the command line', async () => {
    const run = await kiban(
      ['user', 'create', 'sato', '--kind', 'staff', '--role', 'librarian', '--password-stdin'],
      'sato-password-1\n',
    );
    expect(run.stderr).toContain('… creating staff sato');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^created staff sato \([0-9a-f-]{36}\) with roles: librarian\n$/);
  });

  it('refuses a role that is not published with a non-zero exit and the reason', async () => {
    const run = await kiban(['user', 'create', 'ito', '--role', 'nope', '--password-stdin'], 'ito-password-12\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('[request.invalid]');
    expect(run.stderr).toContain('/roles/0');
  });

  it('lists the dead-letter list and queues a dead job again', async () => {
    const orm = await MikroORM.init({
      clientUrl: database.url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
    });
    const [dead] = (await orm.em.fork().execute(
      `insert into kiban_job (name, status, attempts, last_error, finished_at)
           values ('mailer.send', 'dead', 5, 'the mail server said no', now()) returning id::text as id`,
    )) as { id: string }[];
    await orm.close();

    const listed = await kiban(['jobs', 'list', '--status', 'dead']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${dead.id}  dead     mailer.send  attempts 5/5`);
    expect(listed.stdout).toContain('the mail server said no');
    const retried = await kiban(['jobs', 'retry', dead.id]);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('mailer.send is queued again');
    expect((await kiban(['jobs', 'list', '--status', 'dead'])).stdout.trim()).toBe('no jobs');
    expect((await kiban(['jobs', 'retry', dead.id])).code).toBe(2);
    expect((await kiban(['jobs', 'list', '--status', 'lost'])).code).toBe(2);
  });

  it('sets plugin settings from standard input, checks them and never prints a secret', async () => {
    const plugin = join(dataDir, 'gateway-plugin.mjs');
    await writeFile(
      plugin,
      `export default { name: 'gateway', version: '1.0.0', settings: { schema: {
        type: 'object', required: ['endpoint'],
        properties: { endpoint: { type: 'string' }, apiKey: { type: 'string', writeOnly: true } } } } };`,
    );
    const env = { KIBAN_PLUGINS: plugin };
    const refused = await kiban(['settings', 'set', 'gateway'], '{"apiKey":"sk-cli-secret-1"}', env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[settings.invalid]');
    const set = await kiban(
      ['settings', 'set', 'gateway'],
      '{"endpoint":"https://x.example.jp","apiKey":"sk-cli-secret-1"}',
      env,
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout)).toEqual({ values: { endpoint: 'https://x.example.jp' }, secrets: { apiKey: true } });
    const shown = await kiban(['settings', 'show', 'gateway'], '', env);
    expect(shown.stdout).toContain('https://x.example.jp');
    expect(`${set.stdout}${set.stderr}${shown.stdout}${shown.stderr}`).not.toContain('sk-cli-secret-1');
  });

  it('plans and applies a schema sync after the database drifted from the metadata', async () => {
    const orm = await MikroORM.init({
      clientUrl: database.url,
      entities: [],
      discovery: { warnWhenNoEntities: false },
    });
    await orm.em.fork().execute('alter table app_branch drop column seats');
    // A database created before the engine indexed every table's owner.
    await orm.em.fork().execute('drop index app_branch_owner_id_idx');
    await orm.close();

    const plan = await kiban(['migrate', 'plan']);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('safe');
    expect(plan.stdout).toMatch(/alter table "app_branch" add column "seats"/i);
    expect(plan.stdout).toContain(`Index each record's owner (owner_id)`);
    expect(plan.stdout).toContain('create index "app_branch_owner_id_idx" on "app_branch" ("owner_id")');

    expect((await kiban(['migrate', 'apply'])).code).toBe(0);
    const after = await kiban(['migrate', 'plan']);
    expect(after.stdout.trim()).toBe('The database schema matches the metadata; nothing to do.');
  });

  it('exports the app as a package, imports it with a plan first, and lists the history', async () => {
    const dir = join(dataDir, 'library-card-package');
    const exported = await kiban(['package', 'export', dir, '--name', 'library-card', '--version', '1.0.0']);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/^exported \d+ items\n$/);

    const dryRun = await kiban(['package', 'import', dir, '--dry-run', '--lang', 'en']);
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain('library-card');
    expect(dryRun.stdout).toContain('dry run: nothing changed');
    expect((await kiban(['package', 'history'])).stdout).toBe('');

    expect((await kiban(['package', 'import', dir])).code).toBe(0);
    const history = await kiban(['package', 'history', 'library-card']);
    expect(history.stdout).toMatch(/import\s+library-card — → 1\.0\.0/);
  });

  it('fails with one line naming the problem when a package cannot be read', async () => {
    const run = await kiban(['package', 'import', join(dataDir, 'missing')]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => line.startsWith('kiban:'))).toHaveLength(1);
  });

  it('scaffolds a plugin and refuses a name that is not kebab-case', async () => {
    const refused = await kiban(['plugin', 'new', 'Bad_Name', '--dir', dataDir]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[plugin.invalidName]');
    const created = await kiban(['plugin', 'new', 'parking-permits', '--dir', dataDir]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(join(dataDir, 'parking-permits'));
    expect(await readdir(join(dataDir, 'parking-permits'))).toEqual(
      expect.arrayContaining(['package.json', 'src', 'metadata', 'test']),
    );
  });

  it('lists the configured plugins with their versions', async () => {
    expect((await kiban(['plugin', 'list'])).stdout).toContain('No plugins are configured');
    const listed = await kiban(['plugin', 'list'], '', { KIBAN_PLUGINS: 'reservations' });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/^reservations@\d+\.\d+\.\d+\n$/);
  });

  it('refuses to import a package into an environment without the plugin it requires, naming the plugin', async () => {
    const dir = join(dataDir, 'slot-views');
    const withPlugin = { KIBAN_PLUGINS: 'reservations' };
    const exported = await kiban(
      ['package', 'export', dir, '--name', 'slot-views', '--version', '1.0.0', '--item', 'view:todays-occupancy'],
      '',
      withPlugin,
    );
    expect(exported.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.requires).toBeUndefined();

    const requiring = join(dataDir, 'slot-views-requiring');
    const args = ['--name', 'slot-views', '--version', '1.0.0', '--item', 'view:todays-occupancy'];
    await kiban(['package', 'export', requiring, ...args, '--require-plugin', 'reservations@^0.1.0'], '', withPlugin);
    const elsewhere = await openTestDatabase(kind);
    try {
      const refused = await kiban(['package', 'import', requiring], '', { KIBAN_DATABASE_URL: elsewhere.url });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('[package.requires]');
      expect(refused.stderr).toContain('manifest.json#/requires/plugins/reservations');
    } finally {
      await elsewhere.close();
    }
  });
});
