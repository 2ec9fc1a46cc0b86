import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHILD_CHECKUP, callAction, databaseKinds, SYSTEM, startHost, type TestHost } from './support.ts';

describe.each(databaseKinds())('previewing a template against a real record on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
  });
  afterAll(() => host?.close());

  it('renders every channel and language for the record, shows the missing fields, and audits', async () => {
    const template = await data.create('NotificationTemplate', {
      name: 'preview-checkup',
      category: 'health',
      content: { ...CHILD_CHECKUP, push: { ja: { body: '{{name}} 様 {{ward}} {{nickname}}' } } },
    });
    const profile = await data.create('ResidentProfile', { name: '見本 花子', ward: '北区' });
    const input = { templateId: template.id, entity: 'ResidentProfile', recordId: profile.id };

    const reader = await host.signInAs('staff', 'preview-reader', ['notifications-staff', 'profile-reader']);
    const preview = await callAction(reader, 'previewTemplate', { ...input, values: { deadline: '2027-01-31' } });
    expect(preview.status).toBe(200);
    const byKey = Object.fromEntries(
      preview.body.previews.map((each: { channel: string; language: string }) => [
        `${each.channel}/${each.language}`,
        each,
      ]),
    );
    expect(Object.keys(byKey).sort()).toEqual(['email/ja', 'inbox/en', 'inbox/ja', 'line/ja', 'push/ja', 'sms/ja']);
    expect(byKey['inbox/ja']).toEqual({
      channel: 'inbox',
      language: 'ja',
      subject: '3歳児健診のお知らせ',
      body: '見本 花子 様 令和9年1月31日までに受診してください。',
      missing: [],
    });
    expect(byKey['inbox/en'].body).toBe('Dear 見本 花子, please attend by January 31, 2027.');
    expect(byKey['push/ja']).toMatchObject({ body: '見本 花子 様 北区 {{nickname}}', missing: ['nickname'] });

    // Without the shared value, the deadline is a gap too.
    const gaps = await callAction(reader, 'previewTemplate', input);
    expect(gaps.body.previews.find((each: { channel: string }) => each.channel === 'email').missing).toEqual([
      'deadline',
    ]);

    const { rows } = await host
      .context('notifications')
      .sql.query<{ n: number }>(
        `select count(*)::int as n from kiban_audit where action = 'notifications.templatePreviewed' and $1 = any(record_ids)`,
        [profile.id],
      );
    expect(rows[0]?.n).toBe(2);
  });

  it('refuses a staff member who may not read the record, and bad input, rendering nothing', async () => {
    const template = await data.create('NotificationTemplate', {
      name: 'preview-refused',
      category: 'health',
      content: CHILD_CHECKUP,
    });
    const profile = await data.create('ResidentProfile', { name: '非公開 太郎', ward: '南区' });
    const staff = await host.signInAs('staff', 'preview-no-profiles', ['notifications-staff']);
    const input = { templateId: template.id, entity: 'ResidentProfile', recordId: profile.id };
    const refused = await callAction(staff, 'previewTemplate', input);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain('非公開');
    const resident = await host.signInAs('resident', 'preview-resident', ['notifications-resident']);
    expect((await callAction(resident, 'previewTemplate', input)).status).toBe(403);
    const bad = await callAction(staff, 'previewTemplate', { ...input, entity: 'no such; entity' });
    expect(bad.status).toBe(422);
  });
});
