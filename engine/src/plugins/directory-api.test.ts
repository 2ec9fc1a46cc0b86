import { definePlugin, type PluginContext } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

describe.each(testDatabaseKinds())('the plugin staff directory on %s', (kind) => {
  let host: TestEngine;
  let ctx: PluginContext;

  beforeAll(async () => {
    const plugin = definePlugin({ name: 'desk', version: '1.0.0' });
    host = await startTestEngine(kind, [], {}, { plugins: [plugin], log: () => {} });
    ctx = host.engine.plugins.context('desk');
    await host.principal('staff', 'sato', [], { department: '環境局' });
    await host.principal('staff', 'suzuki', [], { department: '子ども未来局' });
    await host.principal('resident', 'hanako', []);
  });
  afterAll(() => host?.close());

  it('lists enabled staff of a department by name, never residents, and audits each listing', async () => {
    const environment = await ctx.directory.staff({ department: '環境局' });
    expect(environment).toEqual([{ id: expect.any(String), name: 'sato', department: '環境局' }]);
    const everyone = (await ctx.directory.staff()).map((member) => member.name);
    expect(everyone).toEqual(expect.arrayContaining(['sato', 'suzuki']));
    expect(everyone).not.toContain('hanako');
    await expect(ctx.directory.staff({ limit: 500 })).rejects.toMatchObject({ code: 'query.invalid' });
    const trail = await host.engine
      .live()
      .sql()
      .query<{ detail: Record<string, unknown> }>(
        `select detail from kiban_audit where action = 'desk.directory.staff' order by id`,
      );
    expect(trail.map((row) => row.detail)).toEqual([
      { plugin: 'desk', department: '環境局', listed: 1 },
      { plugin: 'desk', department: null, listed: everyone.length },
    ]);
  });

  it('tells a staff member’s department, and nothing for a resident or an unknown id', async () => {
    const [sato] = await ctx.directory.staff({ department: '環境局' });
    expect(await ctx.directory.departmentOf(sato?.id ?? '')).toBe('環境局');
    const hanako = await host.principal('resident', 'hanako-2', []);
    const residentId = (await hanako.request('GET', '/api/auth/me')).body.principal.id;
    expect(await ctx.directory.departmentOf(residentId)).toBeNull();
    expect(await ctx.directory.departmentOf('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await ctx.directory.departmentOf('not-an-id')).toBeNull();
  });
});
