import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import identity from '../src/index.ts';
import { Browser } from './browser.ts';
import {
  authorizationRequest,
  databaseKinds,
  registerService,
  signInThrough,
  startProvider,
  type TestHost,
} from './support.ts';

const command = identity.cli?.find((each) => each.name === 'identity-client');

/** What the command printed, parsed (each run prints one JSON document). */
async function printed(work: () => Promise<void>): Promise<unknown> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return JSON.parse(chunks.join(''));
}

describe.each(databaseKinds())('registering services from the command line and the admin actions on %s', (kind) => {
  let host: TestHost;
  let issuer: string;

  beforeAll(async () => {
    ({ host, issuer } = await startProvider(kind));
  }, 240_000);
  afterAll(() => host?.close());

  const clientRows = async () =>
    (
      await host
        .context('identity')
        .sql.query<{ metadata: unknown }>('select metadata from relying_party order by client_id')
    ).rows;

  it('registers, lists, updates and disables a service with `kiban identity-client`, audited', async () => {
    if (!command) throw new Error('the plugin has no identity-client command');
    const ctx = host.context('identity');
    const registered = (await printed(() =>
      command.run(
        [
          'register',
          '--name',
          '子育て支援アプリ',
          '--redirect-uri',
          'https://kosodate.city.example/cb',
          '--attribute',
          'name',
        ],
        ctx,
      ),
    )) as { clientId: string; clientSecret: string };
    expect(registered.clientSecret.length).toBeGreaterThan(30);
    const listed = (await printed(() => command.run(['list'], ctx))) as { clientId: string; attributes: string[] }[];
    expect(listed.find((each) => each.clientId === registered.clientId)).toMatchObject({
      attributes: ['name'],
      disabled: false,
    });
    expect(JSON.stringify(listed)).not.toContain(registered.clientSecret);

    await printed(() =>
      command.run(
        [
          'update',
          registered.clientId,
          '--name',
          '子育て支援',
          '--redirect-uri',
          'https://kosodate.city.example/callback',
          '--attribute',
          'name',
          '--attribute',
          'address',
        ],
        ctx,
      ),
    );
    const updated = (await printed(() => command.run(['list'], ctx))) as { clientId: string }[];
    expect(updated.find((each) => each.clientId === registered.clientId)).toMatchObject({
      name: '子育て支援',
      redirectUris: ['https://kosodate.city.example/callback'],
      attributes: ['name', 'address'],
    });

    await printed(() => command.run(['disable', registered.clientId], ctx));
    await expect(command.run(['disable', registered.clientId], ctx)).rejects.toMatchObject({
      code: 'identity.clientNotFound',
    });
    const audit = await host.request('GET', `/api/audit?recordId=${registered.clientId}`, { as: 'admin' });
    expect((audit.body.items as { action: string }[]).map((entry) => entry.action).sort()).toEqual([
      'identity.client.disabled',
      'identity.client.registered',
      'identity.client.updated',
    ]);
  });

  it('refuses bad registrations from the command line, changing nothing', async () => {
    if (!command) throw new Error('the plugin has no identity-client command');
    const ctx = host.context('identity');
    const before = await clientRows();
    await expect(command.run(['register', '--redirect-uri', 'https://a.example/cb'], ctx)).rejects.toMatchObject({
      code: 'identity.cliUsage',
    });
    await expect(
      command.run(
        ['register', '--name', 'x', '--redirect-uri', 'https://a.example/cb', '--attribute', 'myNumber'],
        ctx,
      ),
    ).rejects.toMatchObject({
      code: 'identity.invalidInput',
      details: [expect.objectContaining({ pointer: '/attributes/0' })],
    });
    await expect(command.run(['register', '--name', 'x', '--redirect-uri', 'not a url'], ctx)).rejects.toMatchObject({
      code: 'identity.invalidClient',
    });
    await expect(command.run(['rename'], ctx)).rejects.toMatchObject({ code: 'identity.cliUsage' });
    expect(await clientRows()).toEqual(before);
  });

  it('an administrator updates a service: an attribute taken away can no longer be asked for', async () => {
    const service = await registerService(host, issuer, ['name', 'address']);
    const resident = await host.signInAs('resident', 'client-update-person', []);
    expect(
      (await signInThrough(service, resident, { scope: 'openid address', grant: ['address'] })).tokens,
    ).toBeDefined();

    const update = (body: unknown) =>
      host.request('POST', '/api/actions/identity.updateClient', { as: 'id-admin', body });
    const bad = await update({ clientId: service.clientId, name: 'x', redirectUris: ['javascript:alert(1)'] });
    expect([bad.status, bad.body.code]).toEqual([400, 'identity.invalidClient']);
    const unknown = await update({ clientId: 'nope', name: 'x', redirectUris: [service.redirectUri] });
    expect(unknown.status).toBe(404);
    const byResident = await resident.request('POST', '/api/actions/identity.updateClient', {
      body: { clientId: service.clientId, name: 'x', redirectUris: [service.redirectUri] },
    });
    expect(byResident.status).toBe(403);

    const narrowed = await update({
      clientId: service.clientId,
      name: 'サービス（変更後）',
      redirectUris: [service.redirectUri],
      attributes: ['name'],
    });
    expect(narrowed.status).toBe(200);
    const flow = await authorizationRequest(service, 'openid address');
    const refused = await new Browser(resident.cookie).open(flow.url);
    expect(refused.callback?.searchParams.get('code') ?? null).toBeNull();
    const listed = await host.request('POST', '/api/actions/identity.listClients', { as: 'id-admin', body: {} });
    expect(
      (listed.body.items as { clientId: string; name: string }[]).find((each) => each.clientId === service.clientId),
    ).toMatchObject({ name: 'サービス（変更後）', attributes: ['name'] });
  });
});
