import { rm } from 'node:fs/promises';
import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import { temporaryDirectory, writeFiles } from '../packages/package-test-support.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';

const wards = definePlugin({
  name: 'wards',
  version: '1.0.0',
  fieldTypes: [
    {
      name: 'wardCode',
      label: { ja: '区コード' },
      base: 'string',
      schema: { type: 'string', pattern: '^01\\d{4}$' },
      normalize: ['nfkc', 'trim'],
      message: { ja: '区コードは 01 で始まる 6 桁の数字です。', en: 'A ward code is six digits starting with 01.' },
    },
  ],
});

const CONTACT = {
  kind: 'entity',
  name: 'Contact',
  label: { ja: '連絡先' },
  fields: [
    { name: 'nameKana', type: 'kana', label: { ja: 'フリガナ' } },
    { name: 'reading', type: 'string', label: { ja: 'よみがな' }, normalize: ['nfkc', 'trim', 'hiragana'] },
    { name: 'postalCode', type: 'postalCode', label: { ja: '郵便番号' } },
    { name: 'phone', type: 'phone', label: { ja: '電話番号' } },
    { name: 'memberNo', type: 'string', label: { ja: '会員番号' }, normalize: ['nfkc', 'trim'] },
    { name: 'note', type: 'string', label: { ja: 'メモ' } },
    { name: 'ward', type: 'wards.wardCode', label: { ja: '区' } },
    {
      name: 'category',
      type: 'enum',
      label: { ja: '区分' },
      values: [
        { value: '燃やせるごみ', label: { ja: '燃やせるごみ', en: 'Burnable' } },
        { value: 'びん・缶・ペットボトル', label: { ja: 'びん・缶・ペットボトル', en: 'Bottles and cans' } },
      ],
    },
  ],
};

describe.each(testDatabaseKinds())('input normalisation on the write path on %s', (kind) => {
  let host: TestEngine;
  let dir: string;
  let admin: TestClient;

  beforeAll(async () => {
    dir = await temporaryDirectory();
    await writeFiles(dir, { 'entities/Contact.json': CONTACT });
    host = await startTestEngine(kind, [dir], {}, { plugins: [wards] });
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
  });
  afterAll(async () => {
    await host?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores full-width, hyphenated and kana variants one way, on create and update', async () => {
    const created = await admin.request('POST', '/api/data/Contact', {
      body: {
        nameKana: ' ﾔﾏﾀﾞ　たろう ',
        reading: 'ヤマダ タロウ',
        postalCode: '〒０６０－０８０８',
        phone: '０１１－２１１－２１１１',
        memberNo: '　ＡＢ１２３ ',
        note: ' as typed ',
        ward: '０１０１０１',
        category: '燃やせるごみ',
      },
    });
    expect(created.body.errors).toBeUndefined();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      nameKana: 'ヤマダ タロウ',
      reading: 'やまだ たろう',
      postalCode: '0600808',
      phone: '011-211-2111',
      memberNo: 'AB123',
      note: ' as typed ',
      ward: '010101',
      category: '燃やせるごみ',
    });
    const id = created.body.id as string;
    const updated = await admin.request('PATCH', `/api/data/Contact/${id}`, {
      body: { postalCode: '0600808', phone: '+81 11 211 2111' },
      headers: { 'if-match': `"${created.body.version}"` },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ postalCode: '0600808', phone: '011-211-2111' });
    const stored = await host.engine
      .live()
      .sql()
      .query<{ postal_code: string; phone: string }>(`select postal_code, phone from app_contact where id = '${id}'`);
    expect(stored).toEqual([{ postal_code: '0600808', phone: '011-211-2111' }]);
  });

  it('still refuses what is no postal code after normalising, and words a plugin type its own way', async () => {
    const refused = await admin.request('POST', '/api/data/Contact', {
      body: { postalCode: '060-08', ward: '13101', category: 'burnable' },
      headers: { 'accept-language': 'en' },
    });
    expectProblem(refused, 422, 'record.invalid', [
      { pointer: '/postalCode', code: 'schema.pattern' },
      { pointer: '/ward', code: 'schema.pattern' },
      { pointer: '/category', code: 'schema.enum' },
    ]);
    const ward = refused.body.errors.find((error: { pointer: string }) => error.pointer === '/ward');
    expect(ward.message).toBe('"区": A ward code is six digits starting with 01.');
    expect(JSON.stringify(refused.body)).not.toContain('^01');
  });

  it('publishes the steps in the record schema the browser form normalises with', async () => {
    const document = await admin.request('GET', '/api/openapi.json');
    const schema = document.body.components.schemas.ContactCreate;
    expect(schema.properties.postalCode['x-kiban-normalize']).toEqual(['nfkc', 'trim', 'postalCode']);
    expect(schema.properties.reading['x-kiban-normalize']).toEqual(['nfkc', 'trim', 'hiragana']);
    expect(schema.properties.ward['x-kiban-normalize']).toEqual(['nfkc', 'trim']);
    expect(schema.properties.note).not.toHaveProperty('x-kiban-normalize');
  });
});
