import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataItem, PackageManifest } from '../metadata/index.ts';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { databaseDigest, temporaryDirectory, writeFiles } from './package-test-support.ts';
import { formatPackagePlan } from './plan-text.ts';

const ITEM_TYPE = {
  kind: 'entity',
  name: 'ItemType',
  label: { ja: '品目' },
  fields: [
    { name: 'code', type: 'string', label: { ja: '品目コード' }, required: true, unique: true, normalize: ['nfkc'] },
    { name: 'name', type: 'string', label: { ja: '品目名' }, required: true },
    { name: 'fee', type: 'integer', label: { ja: '手数料' }, required: true, min: 0 },
    {
      name: 'category',
      type: 'enum',
      label: { ja: '区分' },
      values: [
        { value: '家具', label: { ja: '家具' } },
        { value: '家電', label: { ja: '家電' } },
      ],
    },
  ],
} as unknown as MetadataItem;

const ROWS = [
  { code: 'A01', name: 'いす', fee: 200, category: '家具' },
  { code: 'A02', name: 'たんす', fee: 1000, category: '家具' },
  { code: 'Ｂ０１', name: '扇風機', fee: 200, category: '家電' },
];

async function writeDataPackage(dir: string, version: string, rows: unknown[], extra: Partial<PackageManifest> = {}) {
  const manifest: PackageManifest = {
    name: 'fees',
    version,
    contents: [{ kind: 'entity', name: 'ItemType', file: 'entities/ItemType.json' }],
    data: [{ entity: 'ItemType', key: ['code'], file: 'data/item-types.json' }],
    ...extra,
  };
  await rm(dir, { recursive: true, force: true });
  await writeFiles(dir, {
    'manifest.json': manifest,
    'entities/ItemType.json': ITEM_TYPE,
    'data/item-types.json': rows,
  });
}

describe.each(testDatabaseKinds())('reference data in packages on %s', (kind) => {
  let host: TestEngine;
  let dir: string;

  const storedRows = async () =>
    host.engine
      .live()
      .sql()
      .query<{ code: string; fee: number; version: number }>(
        'select code, fee, version from app_item_type order by code',
      );

  beforeAll(async () => {
    host = await startTestEngine(kind);
    dir = await temporaryDirectory();
  });
  afterAll(async () => {
    await host?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('creates the entity and inserts its rows in one import, normalised like any write', async () => {
    await writeDataPackage(dir, '1.0.0', ROWS);
    const pkg = await host.engine.packages.read(dir);
    const plan = await host.engine.packages.plan(pkg);
    expect(plan.data).toEqual([
      expect.objectContaining({
        entity: 'ItemType',
        inserted: [{ code: 'A01' }, { code: 'A02' }, { code: 'B01' }],
        updated: [],
        deleted: [],
      }),
    ]);
    expect(formatPackagePlan(plan, 'en')).toContain(
      'Reference data:\n  ItemType (code)\n    + A01\n    + A02\n    + B01\n',
    );
    expect(await host.engine.packages.import(pkg)).toMatchObject({ applied: true });
    expect(await storedRows()).toEqual([
      { code: 'A01', fee: 200, version: 1 },
      { code: 'A02', fee: 1000, version: 1 },
      { code: 'B01', fee: 200, version: 1 },
    ]);
    expect(await host.engine.packages.import(pkg)).toMatchObject({ applied: false });
  });

  it('shows what a partial package would delete and keeps it', async () => {
    await writeDataPackage(dir, '1.1.0', [{ ...ROWS[0], fee: 300 }], { partial: true });
    const plan = await host.engine.packages.plan(await host.engine.packages.read(dir));
    expect(plan).toMatchObject({ partial: true, wouldRemove: [] });
    expect(plan.data[0]).toMatchObject({
      updated: [{ key: { code: 'A01' }, diff: [{ op: '~', pointer: '/fee', before: 200, after: 300 }] }],
      deleted: [],
      wouldDelete: [{ code: 'A02' }, { code: 'B01' }],
    });
    const text = formatPackagePlan(plan, 'en');
    expect(text).toContain('Partial package: only the listed items and rows are added or changed; nothing is removed.');
    expect(text).toContain('A full package would remove (kept this time):\n  - ItemType A02\n  - ItemType B01\n');
    await host.engine.packages.import(await host.engine.packages.read(dir));
    expect(await storedRows()).toEqual([
      { code: 'A01', fee: 300, version: 2 },
      { code: 'A02', fee: 1000, version: 1 },
      { code: 'B01', fee: 200, version: 1 },
    ]);
  });

  it('makes the table hold exactly the rows of a full package', async () => {
    await writeDataPackage(dir, '2.0.0', [ROWS[0], { code: 'C01', name: '冷蔵庫', fee: 0, category: '家電' }]);
    const plan = await host.engine.packages.plan(await host.engine.packages.read(dir));
    expect(plan.data[0]).toMatchObject({
      inserted: [{ code: 'C01' }],
      updated: [{ key: { code: 'A01' } }],
      deleted: [{ code: 'A02' }, { code: 'B01' }],
      wouldDelete: [],
    });
    await host.engine.packages.import(await host.engine.packages.read(dir));
    expect(await storedRows()).toEqual([
      { code: 'A01', fee: 200, version: 3 },
      { code: 'C01', fee: 0, version: 1 },
    ]);
  });

  it('exports the rows as reference data that imports into another engine unchanged', async () => {
    const exported = await host.engine.packages.export(`${dir}-export`, {
      name: 'fees',
      version: '2.0.0',
      items: [{ kind: 'entity', name: 'ItemType' }],
      data: [{ entity: 'ItemType', key: ['code'] }],
    });
    expect(exported.manifest.data).toEqual([{ entity: 'ItemType', key: ['code'], file: 'data/ItemType.json' }]);
    expect(exported.data[0].rows).toEqual([
      { code: 'A01', name: 'いす', fee: 200, category: '家具' },
      { code: 'C01', name: '冷蔵庫', fee: 0, category: '家電' },
    ]);
    const again = await host.engine.packages.read(`${dir}-export`);
    const plan = await host.engine.packages.plan(again);
    expect(plan.data[0]).toMatchObject({ inserted: [], updated: [], deleted: [], unchanged: 2 });
    await rm(`${dir}-export`, { recursive: true, force: true });
  });

  it('refuses rows that are no valid records, pointing into the data file, and changes nothing', async () => {
    await writeDataPackage(dir, '3.0.0', [
      { code: 'A01', name: 'いす', fee: -1, category: '家具' },
      { code: 'A01', name: 'いす', fee: 1, category: 'furniture' },
      { name: '鍵なし', fee: 1 },
    ]);
    const before = await databaseDigest(host);
    const error = await host.engine.packages
      .import(await host.engine.packages.read(dir))
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: 'package.invalid',
      details: [
        expect.objectContaining({ pointer: 'data/item-types.json#/0/fee', code: 'schema.minimum' }),
        expect.objectContaining({ pointer: 'data/item-types.json#/1/category', code: 'schema.enum' }),
        expect.objectContaining({ pointer: 'data/item-types.json#/1', code: 'package.data.key' }),
        expect.objectContaining({ pointer: 'data/item-types.json#/2/code', code: 'schema.required' }),
        expect.objectContaining({ pointer: 'data/item-types.json#/2', code: 'package.data.key' }),
      ],
    });
    expect(await databaseDigest(host)).toEqual(before);
  });

  it('lets a row name a referenced row by its key, so the package carries no installation’s ids', async () => {
    const ward = {
      kind: 'entity',
      name: 'Ward',
      label: { ja: '区' },
      fields: [
        { name: 'code', type: 'string', label: { ja: '区コード' }, required: true, unique: true },
        { name: 'name', type: 'string', label: { ja: '区名' }, required: true },
      ],
    };
    const office = {
      kind: 'entity',
      name: 'Office',
      label: { ja: '事務所' },
      fields: [
        { name: 'name', type: 'string', label: { ja: '事務所名' }, required: true, unique: true },
        { name: 'ward', type: 'reference', label: { ja: '区' }, target: 'Ward', required: true },
      ],
    };
    const wards = [
      { code: '01', name: '中央区' },
      { code: '02', name: '北区' },
    ];
    const write = (version: string, offices: unknown[]) =>
      writeFiles(dir, {
        'manifest.json': {
          name: 'offices',
          version,
          contents: [
            { kind: 'entity', name: 'Ward', file: 'entities/Ward.json' },
            { kind: 'entity', name: 'Office', file: 'entities/Office.json' },
          ],
          data: [
            { entity: 'Ward', key: ['code'], file: 'data/wards.json' },
            { entity: 'Office', key: ['name'], file: 'data/offices.json' },
          ],
        } satisfies PackageManifest,
        'entities/Ward.json': ward,
        'entities/Office.json': office,
        'data/wards.json': wards,
        'data/offices.json': offices,
      });
    const stored = () =>
      host.engine
        .live()
        .sql()
        .query<{ name: string; code: string }>(
          'select o.name, w.code from app_office o join app_ward w on w.id = o.ward_id order by o.name',
        );
    await rm(dir, { recursive: true, force: true });
    await write('1.0.0', [{ name: '中央清掃事務所', ward: { code: '01' } }]);
    await host.engine.packages.import(await host.engine.packages.read(dir));
    expect(await stored()).toEqual([{ name: '中央清掃事務所', code: '01' }]);
    // The same package again: the stored id is the same key, so nothing changes.
    const again = await host.engine.packages.plan(await host.engine.packages.read(dir));
    expect(again.data[1]).toMatchObject({ inserted: [], updated: [], unchanged: 1 });

    await write('1.1.0', [{ name: '中央清掃事務所', ward: { code: '02' } }]);
    const moved = await host.engine.packages.plan(await host.engine.packages.read(dir));
    expect(moved.data[1]).toMatchObject({
      updated: [
        {
          key: { name: '中央清掃事務所' },
          diff: [{ pointer: '/ward', before: { code: '01' }, after: { code: '02' } }],
        },
      ],
    });
    await host.engine.packages.import(await host.engine.packages.read(dir));
    expect(await stored()).toEqual([{ name: '中央清掃事務所', code: '02' }]);

    const before = await databaseDigest(host);
    await write('1.2.0', [{ name: '北清掃事務所', ward: { name: '北区' } }]);
    const wrongKey = await host.engine.packages
      .import(await host.engine.packages.read(dir))
      .catch((caught: unknown) => caught);
    expect(wrongKey).toMatchObject({
      code: 'package.invalid',
      details: [expect.objectContaining({ pointer: 'data/offices.json#/0/ward', code: 'package.data.referenceKey' })],
    });
    await write('1.3.0', [{ name: '北清掃事務所', ward: { code: '99' } }]);
    const missing = await host.engine.packages
      .import(await host.engine.packages.read(dir))
      .catch((caught: unknown) => caught);
    expect(missing).toMatchObject({ code: 'package.data.referenceNotFound', status: 422 });
    expect(await databaseDigest(host)).toEqual(before);

    const exported = await host.engine.packages.export(`${dir}-export`, {
      name: 'offices',
      version: '1.1.0',
      items: [
        { kind: 'entity', name: 'Ward' },
        { kind: 'entity', name: 'Office' },
      ],
      data: [
        { entity: 'Ward', key: ['code'] },
        { entity: 'Office', key: ['name'] },
      ],
    });
    expect(exported.data[1].rows).toEqual([{ name: '中央清掃事務所', ward: { code: '02' } }]);
    const plan = await host.engine.packages.plan(await host.engine.packages.read(`${dir}-export`));
    expect(plan.data[1]).toMatchObject({ inserted: [], updated: [], deleted: [], unchanged: 1 });
    await rm(`${dir}-export`, { recursive: true, force: true });
  });
});
