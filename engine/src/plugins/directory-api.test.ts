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
    await host.principal('staff', 'kenta', [], { department: '環境局' });
    // A display name, as administrators give one: the name pickers show and search.
    await host.engine
      .live()
      .sql()
      .query(`update kiban_principal set display_name = 'Suzuki_Kenta' where username = 'kenta'`);
    await host.principal('resident', 'hanako', []);
  });
  afterAll(() => host?.close());

  it('lists enabled staff of a department by name, never residents, and audits each listing', async () => {
    const environment = await ctx.directory.staff({ department: '環境局' });
    expect(environment.map((member) => member.name).sort()).toEqual(['Suzuki_Kenta', 'sato']);
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
      { plugin: 'desk', department: '環境局', listed: 2 },
      { plugin: 'desk', department: null, listed: everyone.length },
    ]);
  });

  it('finds staff by part of the name in any case, within a department or across them', async () => {
    const names = async (options: { department?: string; name?: string }) =>
      (await ctx.directory.staff(options)).map((member) => member.name).sort();
    expect(await names({ name: 'SUZUKI' })).toEqual(['Suzuki_Kenta', 'suzuki']);
    expect(await names({ name: 'suzuki', department: '環境局' })).toEqual(['Suzuki_Kenta']);
    // A typed wildcard is a character of the name: `_` finds only the name that has one.
    expect(await names({ name: '_' })).toEqual(['Suzuki_Kenta']);
    expect(await names({ name: '%' })).toEqual([]);
    expect(await names({ name: '  ' })).toEqual(expect.arrayContaining(['sato', 'suzuki', 'Suzuki_Kenta']));
    const trail = await host.engine
      .live()
      .sql()
      .query<{ detail: Record<string, unknown> }>(
        `select detail from kiban_audit where action = 'desk.directory.staff' and detail->>'name' is not null order by id`,
      );
    expect(trail.map((row) => row.detail)).toEqual([
      { plugin: 'desk', department: null, name: 'SUZUKI', listed: 2 },
      { plugin: 'desk', department: '環境局', name: 'suzuki', listed: 1 },
      { plugin: 'desk', department: null, name: '_', listed: 1 },
      { plugin: 'desk', department: null, name: '%', listed: 0 },
    ]);
  });

  it('tells a staff member’s department and that they are staff, and nothing for a resident or an unknown id', async () => {
    const [sato] = await ctx.directory.staff({ department: '環境局', name: 'sato' });
    expect(await ctx.directory.departmentOf(sato?.id ?? '')).toBe('環境局');
    const hanako = await host.principal('resident', 'hanako-2', []);
    const residentId = (await hanako.request('GET', '/api/auth/me')).body.principal.id;
    expect(await ctx.directory.departmentOf(residentId)).toBeNull();
    expect(await ctx.directory.departmentOf('00000000-0000-0000-0000-000000000000')).toBeNull();
    expect(await ctx.directory.departmentOf('not-an-id')).toBeNull();
    expect(await ctx.directory.isStaff(sato?.id ?? '')).toBe(true);
    expect(await ctx.directory.isStaff(residentId)).toBe(false);
    expect(await ctx.directory.isStaff('not-an-id')).toBe(false);
  });

  it('selects enabled staff by role and department as SQL to embed, never residents or the disabled', async () => {
    await host.principal('staff', 'tanaka', [], { department: '環境局' });
    await host.principal('staff', 'ito', [], { department: '子ども未来局' });
    await host.principal('staff', 'kato', [], { department: '環境局' });
    await host.principal('resident', 'reviewing-resident', []);
    const sql = host.engine.live().sql();
    // Roles as a published app would grant them; kato is disabled.
    await sql.query(
      `update kiban_principal set roles = '{permit-reviewer}' where username in ('tanaka', 'ito', 'kato', 'reviewing-resident')`,
    );
    await sql.query(`update kiban_principal set disabled = true where username = 'kato'`);
    // Embedded after a placeholder of the caller's own, as an INSERT … SELECT would be.
    const usernames = async (options: { role?: string; department?: string }) => {
      const select = await ctx.directory.staffSelect({ ...options, paramOffset: 2 });
      const { rows } = await ctx.sql.query<{ username: string }>(
        `select username from kiban_principal where id in (${select.text}) and kind = $1 order by username`,
        ['staff', ...select.params],
      );
      return rows.map((row) => row.username);
    };
    expect(await usernames({ role: 'permit-reviewer' })).toEqual(['ito', 'tanaka']);
    expect(await usernames({ role: 'permit-reviewer', department: '環境局' })).toEqual(['tanaka']);
    expect(await usernames({ department: '環境局' })).toEqual(['kenta', 'sato', 'tanaka']);
    expect(await usernames({ role: 'no-such-role' })).toEqual([]);
    await expect(ctx.directory.staffSelect({ paramOffset: 0 })).rejects.toMatchObject({ code: 'query.invalid' });
  });
});
