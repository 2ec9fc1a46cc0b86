import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../src/index.ts';
import { databaseKinds } from './support.ts';

const GOOD = [
  'id,email,name,kana,verified',
  'A-001,hanako@example.jp,山田 花子,ヤマダ ハナコ,true',
  'A-002,taro@example.jp,鈴木 太郎,すずき たろう,0',
].join('\n');

const BROKEN = [
  'id,email,name,kana,verified',
  'B-001,jiro@example.jp,佐藤 次郎,サトウ ジロウ,true',
  'B-002,not-an-email,高橋 三郎,タカハシ サブロウ,yes',
  'B-001,jiro@example.jp,佐藤 次郎,サトウ ジロウ,true',
].join('\n');

describe.each(databaseKinds())('ID migration from the former system’s CSV on %s', (kind) => {
  let host: TestHost;
  const run = (csv: string, dryRun: boolean) =>
    host.request('POST', '/api/actions/identity.importAccounts', { as: 'migrator', body: { csv, dryRun } });
  /** Everything an import could change: principals and imported accounts. */
  const digest = async () => {
    const principals = await host.request('GET', '/api/admin/principals?limit=200', { as: 'admin' });
    const accounts = await host.context().sql.query('select * from migrated_account order by legacy_id');
    return JSON.stringify([principals.body, accounts.rows]);
  };

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity], kind });
    await host.signInAs('staff', 'migrator', ['identity-admin']);
  }, 240_000);
  afterAll(() => host?.close());

  it('reports every row in a dry run and changes nothing', async () => {
    const before = await digest();
    const dry = await run(BROKEN, true);
    expect(dry.status).toBe(200);
    expect(dry.body.counts).toEqual({ create: 1, unchanged: 0, error: 2 });
    expect(dry.body.rows.map((row: { line: number; outcome: string }) => [row.line, row.outcome])).toEqual([
      [2, 'create'],
      [3, 'error'],
      [4, 'error'],
    ]);
    expect(dry.body.rows[1].problems.map((problem: { code: string }) => problem.code)).toEqual([
      'identity.migration.email',
      'identity.migration.verified',
    ]);
    expect(dry.body.rows[2].problems[0].code).toBe('identity.migration.duplicate');
    expect(await digest()).toBe(before);
  });

  it('refuses a file with a broken row as a whole, changing nothing', async () => {
    const before = await digest();
    const refused = await run(BROKEN, false);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('identity.migration.refused');
    expect(await digest()).toBe(before);
    expect((await run('name,id\nx,y', true)).body.fileProblems[0].code).toBe('identity.migration.header');
  });

  it('imports atomically, and a re-run of the same file changes nothing', async () => {
    const beforeImport = await digest();
    const imported = await run(GOOD, false);
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ applied: true, counts: { create: 2, unchanged: 0, error: 0 } });
    const after = await digest();
    expect(after).not.toBe(beforeImport);
    expect(after).toContain('legacy:a-001');
    const again = await run(GOOD, false);
    expect(again.body.counts).toEqual({ create: 0, unchanged: 2, error: 0 });
    expect(await digest()).toBe(after);
    const changed = await run(GOOD.replace('山田 花子', '山田 はな'), true);
    expect(changed.body.rows[0]).toMatchObject({
      outcome: 'error',
      problems: [{ code: 'identity.migration.changed' }],
    });
  });
});
