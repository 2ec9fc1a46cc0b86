import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import * as oidc from 'openid-client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxMynaportal } from '../sandbox/mynaportal-server.ts';
import identity from '../src/index.ts';
import { myNumberPseudonym } from '../src/pseudonym/my-number.ts';
import { createReplica } from './replica-fixture.ts';
import { databaseKinds, registerService, SECRET, signInThrough } from './support.ts';

const SERVER = process.env.KIBAN_TEST_DATABASE_URL;
const KEY = 'a-pseudonym-key-held-apart-from-the-database';
const MY_NUMBER = '123456789018';
const PUBLIC_AUTH = { issuer: 'https://auth-app.example.jp', subject: 'jpki-subject-7' };
const HOUSEHOLD = { relationship: '世帯主', members: [{ name: '港 次郎', relationship: '子' }] };

/**
 * Pulling attributes (#6) from the city's replica (a real PostgreSQL database made for the test)
 * and from the sandbox Mynaportal server, each pull consented field by field and audited without
 * values; every refusal (unknown field, unverified resident, a source down or answering garbage)
 * changes nothing; the OpenID Provider releases the pulled `birthdate` and `household`.
 */
describe.skipIf(!SERVER).each(databaseKinds())('attribute pulls on %s', (kind) => {
  let host: TestHost;
  let hanako: TestHostClient;
  let taro: TestHostClient;
  let replica: Awaited<ReturnType<typeof createReplica>>;
  let portal: Awaited<ReturnType<typeof startSandboxMynaportal>>;
  let origin: string;
  const idOf = (client: TestHostClient) => (client.actor as { id: string }).id;
  const pull = (as: TestHostClient, body: unknown) =>
    as.request('POST', '/api/actions/identity.pullAttributes', { body });
  /** Everything a pull may change: the pulled rows and the audit trail of pulls. */
  const digest = async () => {
    const pulled = await host.context().sql.query('select * from pulled_attribute order by principal_id, field');
    const audit = await host.request('GET', '/api/audit?limit=500', { as: 'admin' });
    const pulls = (audit.body.items as { action: string }[]).filter((entry) => entry.action.includes('attributes'));
    return JSON.stringify([pulled.rows, pulls]);
  };
  const settings = (overrides: Record<string, unknown> = {}) => ({
    publicOrigin: origin,
    secret: SECRET,
    upstreams: [
      {
        id: 'digital-auth-app',
        label: { ja: 'デジタル認証アプリ' },
        issuer: PUBLIC_AUTH.issuer,
        clientId: 'kiban',
        scopes: ['openid', 'name', 'address', 'birthdate', 'gender'],
        assurance: 'jpki',
        principalKind: 'resident',
      },
    ],
    replica: { schema: replica.schema },
    replicaUrl: replica.url,
    mynaportal: { tokenUrl: portal.tokenUrl, apiUrl: portal.apiUrl, clientId: portal.clientId },
    mynaportalClientSecret: portal.clientSecret,
    ...overrides,
  });

  beforeAll(async () => {
    const person = {
      name: '港 花子',
      kana: 'ミナト ハナコ',
      address: '東京都港区芝公園1-1',
      postalCode: '105-0011',
      birthdate: '1988-04-02',
      gender: 'female',
      household: HOUSEHOLD,
      tax: { fiscalYear: 2026, status: 'non-taxable' },
    };
    replica = await createReplica(SERVER as string, [
      { ...person, pseudonym: myNumberPseudonym(KEY, MY_NUMBER) },
      { ...person, name: '芝 太郎', kana: 'シバ タロウ', birthdate: '1950-01-31', publicAuth: PUBLIC_AUTH },
    ]);
    portal = await startSandboxMynaportal({
      residents: [
        { ...PUBLIC_AUTH, items: { birthdate: '1950-01-31', taxStatus: { fiscalYear: 2026, status: 'taxable' } } },
      ],
    });
    host = await createTestHost({ plugins: [identity], kind, config: { identity: { pseudonymKey: KEY } } });
    ({ origin } = await host.listen());
    const set = await host.setSettings('identity', settings());
    expect(set.status).toBeLessThan(300);
    hanako = await host.signInAs('resident', 'attr-hanako', []);
    taro = await host.signInAs('resident', 'attr-taro', []);
    await host.signInAs('staff', 'registrar', ['identity-pseudonym']);
    await host.signInAs('staff', 'id-admin', ['identity-admin']);
    // Taro signed in once with the Digital Authentication App: the link the upstream sign-in stores.
    await host
      .context()
      .sql.query('insert into upstream_link (upstream_id, subject, principal_id) values ($1, $2, $3)', [
        'digital-auth-app',
        PUBLIC_AUTH.subject,
        idOf(taro),
      ]);
  }, 240_000);
  afterAll(async () => {
    await host?.close();
    await portal?.close();
    await replica?.drop();
  });

  it('refuses a resident no source can know, and bad input, changing nothing', async () => {
    const before = await digest();
    const unverified = await pull(hanako, { source: 'replica', fields: ['birthdate'], consent: true });
    expect(unverified.status).toBe(409);
    expect(unverified.body.code).toBe('identity.attributes.notVerified');
    for (const body of [
      { source: 'replica', fields: ['myNumber'], consent: true },
      { source: 'juki-net', fields: ['birthdate'], consent: true },
      { source: 'replica', fields: ['birthdate'], consent: false },
      { source: 'replica', fields: [], consent: true },
    ]) {
      const refused = await pull(taro, body);
      expect(refused.status).toBe(422);
    }
    expect(await digest()).toBe(before);
  });

  it('pulls chosen fields from the replica by the pseudonym, sealed at rest and audited without values', async () => {
    const linked = await host.request('POST', '/api/actions/identity.linkResidentPseudonym', {
      as: 'registrar',
      body: { principalId: idOf(hanako), myNumber: MY_NUMBER },
    });
    expect(linked.status).toBe(200);
    const pulled = await pull(hanako, { source: 'replica', fields: ['name', 'birthdate', 'household'], consent: true });
    expect(pulled.status).toBe(200);
    expect(pulled.body).toEqual({ source: 'replica', pulled: ['name', 'birthdate', 'household'] });
    const mine = await hanako.request('GET', '/api/plugins/identity/attributes');
    expect(mine.body.verified).toBe(true);
    expect(mine.body.sources).toEqual(['replica', 'mynaportal']);
    expect(mine.body.pulled.map(({ field, source, value }: Record<string, unknown>) => [field, source, value])).toEqual(
      [
        ['birthdate', 'replica', '1988-04-02'],
        ['household', 'replica', HOUSEHOLD],
        ['name', 'replica', { name: '港 花子', kana: 'ミナト ハナコ' }],
      ],
    );
    const stored = JSON.stringify((await host.context().sql.query('select * from pulled_attribute')).rows);
    expect(stored).not.toContain('1988-04-02');
    expect(stored).not.toContain('世帯主');
    const audit = JSON.stringify((await host.request('GET', '/api/audit?limit=500', { as: 'admin' })).body);
    expect(audit).toContain('identity.attributes.pulled');
    expect(audit).toContain('identity.pseudonym.linked');
    for (const secret of [MY_NUMBER, '1988-04-02', '港 花子', myNumberPseudonym(KEY, MY_NUMBER)]) {
      expect(audit).not.toContain(secret);
    }
  });

  it('pulls from the sandbox Mynaportal by the public-authentication identity, never a number', async () => {
    const pulled = await pull(taro, { source: 'mynaportal', fields: ['birthdate', 'taxStatus'], consent: true });
    expect(pulled.status).toBe(200);
    const asked = portal.requests.find((request) => request.path === '/api/self-information');
    expect(JSON.parse(asked?.body ?? '{}')).toEqual({ subject: PUBLIC_AUTH, items: ['birthdate', 'taxStatus'] });
    const mine = await taro.request('GET', '/api/plugins/identity/attributes');
    expect(mine.body.pulled).toMatchObject([
      { field: 'birthdate', source: 'mynaportal', value: '1950-01-31' },
      { field: 'taxStatus', source: 'mynaportal', value: { fiscalYear: 2026, status: 'taxable' } },
    ]);
    // The replica knows Taro by the same verified identity.
    expect((await pull(taro, { source: 'replica', fields: ['gender'], consent: true })).status).toBe(200);
  });

  it('changes nothing when a source is down, answers garbage or lacks a field', async () => {
    const before = await digest();
    portal.behave('garbage');
    const garbage = await pull(taro, { source: 'mynaportal', fields: ['birthdate', 'household'], consent: true });
    expect(garbage.status).toBe(502);
    expect(garbage.body.code).toBe('identity.attributes.sourceInvalid');
    expect(garbage.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/fields/birthdate',
      '/fields/household',
    ]);
    portal.behave('error');
    expect((await pull(taro, { source: 'mynaportal', fields: ['birthdate'], consent: true })).body.code).toBe(
      'identity.attributes.sourceUnavailable',
    );
    portal.behave('normal');
    const lacking = await pull(taro, { source: 'mynaportal', fields: ['birthdate', 'household'], consent: true });
    expect(lacking.status).toBe(502);
    expect(lacking.body.errors).toEqual([
      expect.objectContaining({ pointer: '/fields/household', code: 'identity.attributes.notHeld' }),
    ]);
    // A replica row whose value is outside the field's schema is refused like the sandbox's garbage.
    const register = new pg.Client({ connectionString: replica.url });
    await register.connect();
    await register.query(`update kiban_replica.register set gender = 'unknown' where public_auth_subject = $1`, [
      PUBLIC_AUTH.subject,
    ]);
    await register.end();
    const malformed = await pull(taro, { source: 'replica', fields: ['birthdate', 'gender'], consent: true });
    expect([malformed.status, malformed.body.code]).toEqual([502, 'identity.attributes.sourceInvalid']);
    expect(malformed.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual(['/fields/gender']);
    const down = new URL(replica.url);
    down.port = '1';
    expect((await host.setSettings('identity', settings({ replicaUrl: down.href }))).status).toBeLessThan(300);
    const unreachable = await pull(taro, { source: 'replica', fields: ['birthdate'], consent: true });
    expect(unreachable.status).toBe(502);
    expect(unreachable.body.code).toBe('identity.attributes.sourceUnavailable');
    expect(JSON.stringify(unreachable.body)).not.toContain(replica.url);
    expect((await host.setSettings('identity', settings())).status).toBeLessThan(300);
    expect(await digest()).toBe(before);
  });

  it('releases the pulled birth date and household to a service the resident granted them', async () => {
    const service = await registerService(host, `${origin}/api/public/identity/oidc`, [
      'name',
      'birthdate',
      'household',
    ]);
    const { tokens, asked } = await signInThrough(service, hanako, {
      scope: 'openid birthdate household',
      grant: ['birthdate', 'household'],
    });
    expect(asked).toEqual(['birthdate', 'household']);
    const sub = String(tokens.claims()?.sub);
    const userinfo = await oidc.fetchUserInfo(service.config, tokens.access_token, sub);
    expect(userinfo).toMatchObject({ birthdate: '1988-04-02', household: HOUSEHOLD });
    expect(userinfo).not.toHaveProperty('name');
  });
});
