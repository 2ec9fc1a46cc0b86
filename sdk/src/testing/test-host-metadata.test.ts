import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.ts';
import { createTestHost, type TestHost } from './test-host.ts';

const reader = definePlugin({ name: 'reader', version: '1.0.0' });

const ROLE = {
  kind: 'role',
  name: 'desk-clerk',
  label: { ja: '窓口係' },
  audience: 'staff',
  permissions: [],
};

describe('ctx.metadata in the test host', () => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({ plugins: [reader] });
  });
  afterAll(() => host?.close());

  it('reads what is published now, as copies that change nothing published', async () => {
    const metadata = host.context('reader').metadata;
    expect(metadata.item('role', 'desk-clerk')).toBeUndefined();
    const published = await host.request('POST', '/api/metadata/publish', { as: 'admin', body: { upserts: [ROLE] } });
    expect(published.status).toBe(200);
    const copy = metadata.item<typeof ROLE>('role', 'desk-clerk');
    expect(copy).toEqual(ROLE);
    if (copy) copy.label.ja = '書き換え';
    expect(metadata.item<typeof ROLE>('role', 'desk-clerk')?.label.ja).toBe('窓口係');
    expect(metadata.items<{ name: string }>('role').map((role) => role.name)).toContain('desk-clerk');
    expect(metadata.item('no-such-kind', 'desk-clerk')).toBeUndefined();
    expect(metadata.items('no-such-kind')).toEqual([]);
  });
});
