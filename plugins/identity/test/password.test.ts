import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startProvider, type TestHost, type TestHostClient } from './support.ts';

const SIGN_IN = '/api/public/identity/password/sign-in';
const PASSWORD = 'さくら並木の朝 2026';

describe.each(databaseKinds())('password and one-time code sign-in on %s', (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    ({ host } = await startProvider(kind));
  }, 240_000);
  afterAll(() => host?.close());

  async function residentWithPassword(username: string): Promise<TestHostClient> {
    const resident = await host.signInAs('resident', username, []);
    const set = await resident.request('POST', '/api/actions/identity.setPassword', { body: { password: PASSWORD } });
    expect(set.status).toBe(200);
    return resident;
  }

  const signIn = (body: unknown) => host.request('POST', SIGN_IN, { body });

  async function sessionOf(response: { headers: Headers }) {
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    const me = await host.request('GET', '/api/auth/me', { headers: { cookie } });
    return (me.body as { principal: { id: string; signIn?: { method: string; assurance: string } } }).principal;
  }

  it('signs a resident in with their password (argon2id), recording the method, and refuses anything else alike', async () => {
    const resident = await residentWithPassword('pw-ayumi');
    const stored = await host
      .context()
      .sql.query<{ password_hash: string }>('select password_hash from password_credential where principal_id = $1', [
        (resident.actor as { id: string }).id,
      ]);
    expect(stored.rows[0].password_hash).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);

    const ok = await signIn({ username: 'pw-ayumi', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ signedIn: true, method: 'password', assurance: 'low' });
    expect(await sessionOf(ok)).toMatchObject({
      id: (resident.actor as { id: string }).id,
      signIn: { method: 'password', assurance: 'low' },
    });

    const wrong = await signIn({ username: 'pw-ayumi', password: 'not the password' });
    const unknown = await signIn({ username: 'nobody-at-all', password: PASSWORD });
    expect([wrong.status, wrong.body.code]).toEqual([401, 'identity.signInFailed']);
    expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses bad input and weak passwords with structured errors, changing nothing', async () => {
    const missing = await signIn({ username: 'pw-ayumi' });
    expect(missing.status).toBe(422);
    expect(missing.body.code).toBe('identity.invalidInput');
    expect(missing.body.errors).toEqual([expect.objectContaining({ pointer: '' })]);
    const extra = await signIn({ username: 'pw-ayumi', password: PASSWORD, admin: true });
    expect([extra.status, extra.body.code]).toEqual([422, 'identity.invalidInput']);
    const notJson = await host.request('POST', SIGN_IN, {
      rawBody: 'username=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect([notJson.status, notJson.body.code]).toEqual([400, 'identity.invalidInput']);

    const resident = await host.signInAs('resident', 'pw-weak', []);
    const weak = await resident.request('POST', '/api/actions/identity.setPassword', {
      body: { password: 'password123' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.errors).toEqual([
      expect.objectContaining({ pointer: '/password', code: 'identity.passwordRefused' }),
    ]);
    const stored = await host
      .context()
      .sql.query('select 1 from password_credential where principal_id = $1', [(resident.actor as { id: string }).id]);
    expect(stored.rows).toHaveLength(0);
    expect((await signIn({ username: 'pw-weak', password: 'password123' })).status).toBe(401);
  });

  it('replacing a password needs the current one', { timeout: 240_000 }, async () => {
    const resident = await residentWithPassword('pw-change');
    const without = await resident.request('POST', '/api/actions/identity.setPassword', {
      body: { password: 'まったく別の合言葉 99' },
    });
    expect([without.status, without.body.code]).toEqual([403, 'identity.currentPasswordWrong']);
    const withCurrent = await resident.request('POST', '/api/actions/identity.setPassword', {
      body: { password: 'まったく別の合言葉 99', currentPassword: PASSWORD },
    });
    expect(withCurrent.body).toEqual({ replaced: true });
    expect((await signIn({ username: 'pw-change', password: PASSWORD })).status).toBe(401);
    expect((await signIn({ username: 'pw-change', password: 'まったく別の合言葉 99' })).status).toBe(200);
  });

  it('locks the account after five failures, even for the right password, audits it, and staff can lift it', {
    timeout: 240_000,
  }, async () => {
    const resident = await residentWithPassword('pw-locked');
    const id = (resident.actor as { id: string }).id;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await signIn({ username: 'pw-locked', password: `guess ${attempt}` })).status).toBe(401);
    }
    // The sixth failure locks; while locked, even the right password is refused without being checked.
    expect((await signIn({ username: 'pw-locked', password: 'guess 5' })).status).toBe(401);
    const locked = await signIn({ username: 'pw-locked', password: PASSWORD });
    expect([locked.status, locked.body.code]).toEqual([429, 'identity.signInLocked']);
    expect(Number(locked.body.errors[0].message)).toBeGreaterThan(0);
    // An unknown name locks exactly alike, so a lock tells nothing about who exists.
    for (let attempt = 0; attempt < 6; attempt += 1)
      await signIn({ username: 'pw-ghost', password: `guess ${attempt}` });
    const ghost = await signIn({ username: 'pw-ghost', password: PASSWORD });
    expect([ghost.status, ghost.body.code]).toEqual([429, 'identity.signInLocked']);

    const audit = await host.request('GET', `/api/audit?recordId=${id}`, { as: 'admin' });
    const lock = (audit.body.items as { action: string; details?: Record<string, unknown> }[]).find(
      (entry) => entry.action === 'identity.signIn.locked',
    );
    expect(lock).toBeDefined();

    const residentTries = await resident.request('POST', '/api/actions/identity.unlockSignIn', {
      body: { principalId: id },
    });
    expect(residentTries.status).toBe(403);
    const lifted = await host.request('POST', '/api/actions/identity.unlockSignIn', {
      as: 'id-admin',
      body: { principalId: id, method: 'password' },
    });
    expect(lifted.body).toEqual({ lifted: 1 });
    expect((await signIn({ username: 'pw-locked', password: PASSWORD })).status).toBe(200);
  });

  it('asks a password with a one-time code for it, refuses a replayed code, and takes each recovery code once', {
    timeout: 240_000,
  }, async () => {
    const resident = await residentWithPassword('pw-totp');
    const started = await resident.request('POST', '/api/actions/identity.startTotp', {
      body: { accountName: 'pw-totp' },
    });
    expect(started.status).toBe(200);
    expect(started.body.qrCode).toMatch(/^data:image\/png;base64,/);
    const secret = new URL(started.body.otpauthUri).searchParams.get('secret') ?? '';
    const stored = await host
      .context()
      .sql.query<{ sealed_secret: string }>('select sealed_secret from totp_credential where principal_id = $1', [
        (resident.actor as { id: string }).id,
      ]);
    expect(stored.rows[0].sealed_secret).not.toContain(secret);

    const badCode = await resident.request('POST', '/api/actions/identity.confirmTotp', { body: { code: 'abcdef' } });
    expect([badCode.status, badCode.body.errors[0].pointer]).toEqual([422, '/code']);
    // Until confirmed, the password alone still signs in.
    expect((await signIn({ username: 'pw-totp', password: PASSWORD })).body.method).toBe('password');

    const code = await generate({ secret });
    const confirmed = await resident.request('POST', '/api/actions/identity.confirmTotp', { body: { code } });
    expect(confirmed.status).toBe(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(new Set(recoveryCodes).size).toBe(10);

    const noCode = await signIn({ username: 'pw-totp', password: PASSWORD });
    expect([noCode.status, noCode.body.code]).toEqual([401, 'identity.secondFactorRequired']);
    // The code that confirmed the enrolment is used up.
    const replayed = await signIn({ username: 'pw-totp', password: PASSWORD, code });
    expect([replayed.status, replayed.body.code]).toEqual([401, 'identity.signInFailed']);

    const withRecovery = await signIn({ username: 'pw-totp', password: PASSWORD, recoveryCode: recoveryCodes[0] });
    expect(withRecovery.body).toEqual({ signedIn: true, method: 'password-totp', assurance: 'substantial' });
    expect(await sessionOf(withRecovery)).toMatchObject({
      signIn: { method: 'password-totp', assurance: 'substantial' },
    });
    const again = await signIn({ username: 'pw-totp', password: PASSWORD, recoveryCode: recoveryCodes[0] });
    expect(again.status).toBe(401);
    const digests = await host.context().sql.query<{ code_digest: string }>('select code_digest from recovery_code');
    expect(digests.rows.map((row) => row.code_digest)).not.toContain(recoveryCodes[1]);
  });
});
