import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../src/index.ts';
import { startSmtpServer } from './smtp-server.ts';
import { databaseKinds, SECRET } from './support.ts';

const CSV = [
  'id,email,name,kana,verified',
  'F-001,hanako@example.jp,山田 花子,ヤマダ ハナコ,true',
  'F-002,taro@example.jp,鈴木 太郎,スズキ タロウ,false',
].join('\n');

/**
 * Imported accounts (#1 ID migration) finish by a one-time emailed link, sent through the
 * engine's mail port to a real SMTP server, or by a sign-in method of their own. A used,
 * expired or unknown link is refused with its own code and changes nothing, and importing the
 * same file again still changes nothing.
 */
describe.each(databaseKinds())('finishing imported accounts on %s', (kind) => {
  let host: TestHost;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const send = (legacyIds: string[]) =>
    host.request('POST', '/api/actions/identity.sendAccountVerification', { as: 'migrator', body: { legacyIds } });
  const verify = (token: string) => host.request('POST', '/api/public/identity/account/verify', { body: { token } });
  const states = async () =>
    (await host.request('POST', '/api/actions/identity.importedAccounts', { as: 'migrator', body: {} })).body.items;
  /** What a refused link or a re-run must not change: the accounts, their links, the principals. */
  const digest = async () => {
    const sql = host.context().sql;
    const accounts = await sql.query('select * from migrated_account order by legacy_id');
    const links = await sql.query('select * from account_verification order by token_digest');
    const principals = await host.request('GET', '/api/admin/principals?limit=200', { as: 'admin' });
    return JSON.stringify([accounts.rows, links.rows, principals.body]);
  };
  const tokenOf = (to: string) => {
    const mail = smtp.received.findLast((each) => each.to && JSON.stringify(each.to).includes(to));
    return new URL(/https?:\/\/\S+/.exec(mail?.text ?? '')?.[0] ?? 'http://none').searchParams.get('token') ?? '';
  };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    host = await createTestHost({ plugins: [identity], kind, smtpUrl: smtp.url });
    const { origin } = await host.listen();
    expect((await host.setSettings('identity', { publicOrigin: origin, secret: SECRET })).status).toBeLessThan(300);
    await host.signInAs('staff', 'migrator', ['identity-admin']);
    const imported = await host.request('POST', '/api/actions/identity.importAccounts', {
      as: 'migrator',
      body: { csv: CSV, dryRun: false },
    });
    expect(imported.body.counts).toEqual({ create: 2, unchanged: 0, error: 0 });
  }, 240_000);
  afterAll(async () => {
    await host?.close();
    await smtp?.close();
  });

  it('refuses ids never imported, sending nothing', async () => {
    const before = await digest();
    const refused = await send(['F-001', 'Z-404']);
    expect(refused.status).toBe(404);
    expect(refused.body.errors[0]).toMatchObject({
      pointer: '/legacyIds/1',
      code: 'identity.migration.unknownAccount',
    });
    expect(smtp.received).toHaveLength(0);
    expect(await digest()).toBe(before);
  });

  it('mails a one-time link that verifies the email and signs the resident in to set up a method', async () => {
    const sent = await send(['F-001']);
    expect(sent.body.items).toEqual([{ legacyId: 'F-001', outcome: 'sent' }]);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].text).toContain('/api/public/identity/pages/finish-account?token=');
    const token = tokenOf('hanako@example.jp');
    expect((await states()).map((each: { state: string }) => each.state)).toEqual(['linkSent', 'waiting']);
    // Only the link's digest is kept.
    expect(JSON.stringify((await host.context().sql.query('select * from account_verification')).rows)).not.toContain(
      token,
    );

    const verified = await verify(token);
    expect(verified.status).toBe(200);
    expect(verified.body.next).toBe('/api/public/identity/pages/security');
    const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0];
    const password = await host.request('POST', '/api/actions/identity.setPassword', {
      headers: { cookie },
      body: { password: '山田さんの新しい合言葉 2026' },
    });
    expect(password.status).toBe(200);
    expect((await states())[0]).toMatchObject({ legacyId: 'F-001', finished: true, state: 'email' });
    const audit = JSON.stringify((await host.request('GET', '/api/audit?limit=500', { as: 'admin' })).body);
    expect(audit).toContain('identity.migration.emailVerified');
    expect(audit).not.toContain(token);
  });

  it('refuses a reused, expired or unknown link with a clear error, changing nothing', async () => {
    const used = tokenOf('hanako@example.jp');
    await send(['F-002']);
    const expiring = tokenOf('taro@example.jp');
    await host
      .context()
      .sql.query(`update account_verification set expires_at = now() - interval '1 minute' where legacy_id = 'F-002'`);
    const before = await digest();
    const reused = await verify(used);
    expect([reused.status, reused.body.code]).toEqual([410, 'identity.migration.linkUsed']);
    expect(reused.headers.get('set-cookie')).toBeNull();
    const expired = await verify(expiring);
    expect([expired.status, expired.body.code]).toEqual([410, 'identity.migration.linkExpired']);
    const unknown = await verify('A'.repeat(43));
    expect([unknown.status, unknown.body.code]).toEqual([404, 'identity.migration.linkUnknown']);
    expect((await verify('short')).status).toBe(422);
    expect(await digest()).toBe(before);
  });

  it('counts an account with a sign-in method of its own as finished, and a re-run of the file changes nothing', async () => {
    const taro = (await states())[1] as { principalId: string };
    // What linking a sign-in method stores (the upstream sign-in's link row).
    await host
      .context()
      .sql.query(`insert into upstream_link (upstream_id, subject, principal_id) values ('line', 'U-taro', $1)`, [
        taro.principalId,
      ]);
    expect((await states())[1]).toMatchObject({ legacyId: 'F-002', finished: true, state: 'method' });
    const mails = smtp.received.length;
    expect((await send(['F-001', 'F-002'])).body.items).toEqual([
      { legacyId: 'F-001', outcome: 'finished' },
      { legacyId: 'F-002', outcome: 'finished' },
    ]);
    expect(smtp.received).toHaveLength(mails);

    const before = await digest();
    const again = await host.request('POST', '/api/actions/identity.importAccounts', {
      as: 'migrator',
      body: { csv: CSV, dryRun: false },
    });
    expect(again.body.counts).toEqual({ create: 0, unchanged: 2, error: 0 });
    expect(await digest()).toBe(before);
  });
});
