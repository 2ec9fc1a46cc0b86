import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EntityMetadata, MetadataItem, PackageManifest } from '../metadata/index.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { formatDiffEntry } from './item-diff.ts';
import {
  craftArchive,
  databaseDigest,
  expectRefusedWithoutChanges,
  LIBRARY_CARD,
  libraryCardItems,
  temporaryDirectory,
  writeItemsPackage,
} from './package-test-support.ts';
import { formatPackagePlan } from './plan-text.ts';

const byKey = <T extends { kind: string; name: string }>(items: readonly T[]) =>
  [...items].sort((a, b) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`));

async function filesBelow(dir: string): Promise<Record<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Object.fromEntries(
    await Promise.all(files.sort().map(async (file) => [file.slice(dir.length), await readFile(file, 'utf8')])),
  );
}

function withBranch(items: MetadataItem[], change: (branch: EntityMetadata) => void): MetadataItem[] {
  const copy = structuredClone(items);
  change(copy.find((item) => item.kind === 'entity' && item.name === 'Branch') as EntityMetadata);
  return copy;
}

const PHONE = { name: 'phone', type: 'phone', label: { ja: '電話番号', en: 'Phone' } } as const;

describe.each(testDatabaseKinds())('metadata packages on %s', (kind) => {
  let source: TestEngine;
  let target: TestEngine;
  let root: string;
  let librarian: TestClient;

  beforeAll(async () => {
    [source, target] = await Promise.all([startTestEngine(kind, [LIBRARY_CARD]), startTestEngine(kind)]);
    root = await temporaryDirectory();
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  it('exports the same state byte for byte, as a directory and as an archive', async () => {
    const options = { name: 'library-card', version: '1.0.0', description: { ja: '図書館カード' } };
    const first = await source.engine.packages.export(join(root, 'a'), options);
    await source.engine.packages.export(join(root, 'b'), options);
    expect(await filesBelow(join(root, 'a'))).toEqual(await filesBelow(join(root, 'b')));

    expect(first.manifest.contents.map((entry) => `${entry.kind}:${entry.name}`)).toEqual([
      'entity:Applicant',
      'entity:Application',
      'entity:Branch',
      'form:applicant-registration',
      'form:library-card-application',
      'page:apply-library-card',
      'page:home',
      'page:register',
      'page:staff-application',
      'page:staff-applications',
      'role:librarian',
      'role:resident',
      'view:applications-by-status',
    ]);
    const branchText = await readFile(join(root, 'a/entities/Branch.json'), 'utf8');
    expect(branchText).toMatch(/^\{\n {2}"kind": "entity",\n {2}"name": "Branch",\n {2}"label": \{/);
    expect(branchText).toMatch(/\n {6}"name": "name",\n {6}"type": "string",\n {6}"label": \{/);
    expect(branchText.endsWith('}\n')).toBe(true);

    // Exporting again into a package directory replaces it rather than refusing.
    await source.engine.packages.export(join(root, 'b'), options);
    expect(await filesBelow(join(root, 'b'))).toEqual(await filesBelow(join(root, 'a')));

    await source.engine.packages.writeArchive(join(root, 'a'), join(root, 'a.tar.gz'));
    await source.engine.packages.writeArchive(join(root, 'b'), join(root, 'b.tar.gz'));
    expect(await readFile(join(root, 'a.tar.gz'))).toEqual(await readFile(join(root, 'b.tar.gz')));
  });

  it('exports a selection, and refuses to overwrite a directory that is not a package', async () => {
    const pkg = await source.engine.packages.export(join(root, 'roles-only'), {
      name: 'library-roles',
      version: '0.1.0',
      items: [{ kind: 'role' }, { kind: 'entity', name: 'Branch' }],
    });
    expect(pkg.items.map((item) => item.name)).toEqual(['Branch', 'librarian', 'resident']);
    await expect(
      source.engine.packages.export(join(root, 'roles-only'), {
        name: 'x',
        version: '1.0.0',
        items: [{ kind: 'view', name: 'missing' }],
      }),
    ).rejects.toMatchObject({ code: 'package.exportMissing' });
    await expect(
      source.engine.packages.export(join(root, 'a', 'entities'), { name: 'x', version: '1.0.0' }),
    ).rejects.toMatchObject({ code: 'package.exportTarget' });
  });

  it('imports an export into a fresh engine after a dry run that changes nothing', async () => {
    const pkg = await target.engine.packages.read(join(root, 'a.tar.gz'));
    const plan = await target.engine.packages.plan(pkg);
    expect(plan.created).toHaveLength(13);
    const tables = plan.migration.steps.filter((step) => step.action === 'createTable').map((step) => step.table);
    expect(tables.length).toBeGreaterThan(0);
    const ownerIndexes = plan.migration.steps.filter(
      (step) => step.action === 'createIndex' && step.column === 'owner_id',
    );
    expect(ownerIndexes.map((step) => step.table).sort()).toEqual([...tables].sort());
    expect(plan.migration.destructive).toBe(false);
    expect(formatPackagePlan(plan, 'en')).toContain('import library-card: (none) → 1.0.0\n  + entity Applicant\n');

    const before = await databaseDigest(target);
    const dryRun = await target.engine.packages.import(pkg, { dryRun: true });
    expect(dryRun).toMatchObject({ applied: false, historyId: null });
    expect(await databaseDigest(target)).toEqual(before);

    const imported = await target.engine.packages.import(pkg);
    expect(imported).toMatchObject({ applied: true, publicationId: expect.any(Number) });
    expect(byKey(target.engine.live().items)).toEqual(byKey(source.engine.live().items));
    const indexed = await target.engine
      .live()
      .sql()
      .query<{ tablename: string }>(
        `select tablename from pg_indexes where schemaname = current_schema() and tablename like 'app\\_%' and indexdef like '%USING btree (owner_id)'`,
      );
    expect(indexed.map((row) => row.tablename).sort()).toEqual([...tables].sort());

    const again = await target.engine.packages.import(pkg);
    expect(again.applied).toBe(false);
    expect(await target.engine.packages.history('library-card')).toEqual([
      expect.objectContaining({ kind: 'import', version: '1.0.0', previousVersion: null, undoes: null }),
    ]);
    librarian = await target.principal('staff', 'librarian1', ['librarian']);
  });

  it('applies a version that adds a field to the live app, and rolls it back', async () => {
    const dir = join(root, 'v1.1.0');
    await writeItemsPackage(
      dir,
      withBranch(await libraryCardItems(), (branch) => {
        branch.fields.splice(3, 0, PHONE);
      }),
      { version: '1.1.0' },
    );
    const pkg = await target.engine.packages.read(dir);
    const plan = await target.engine.packages.plan(pkg);
    expect(plan).toMatchObject({ fromVersion: '1.0.0', toVersion: '1.1.0', created: [], removed: [] });
    expect(plan.changed.map((change) => [change.name, change.diff.map(formatDiffEntry)])).toEqual([
      ['Branch', ['+ /fields/3 { name: "phone", … }']],
    ]);
    expect(plan.migration.steps).toEqual([
      expect.objectContaining({ action: 'addColumn', table: 'app_branch', column: 'phone', safety: 'safe' }),
    ]);

    await target.engine.packages.import(pkg);
    const created = await librarian.request('POST', '/api/data/Branch', {
      body: { name: '北図書館', code: 'KIT', phone: '011-123-4567', seats: 40 },
    });
    expect(created.status).toBe(201);
    expect(created.body.phone).toBe('011-123-4567');

    const refused = await expectRefusedWithoutChanges(target, 'migration.destructive', () =>
      target.engine.packages.rollback('library-card'),
    );
    expect(refused.details).toEqual([expect.objectContaining({ pointer: '/app_branch/phone' })]);
    const preview = await target.engine.packages.rollback('library-card', { dryRun: true });
    expect(preview.plan).toMatchObject({ action: 'rollback', fromVersion: '1.1.0', toVersion: '1.0.0' });
    expect(preview.plan.migration.steps).toEqual([
      expect.objectContaining({ action: 'dropColumn', safety: 'destructive', affectedRows: 1 }),
    ]);

    const rolledBack = await target.engine.packages.rollback('library-card', { allowDestructive: true });
    expect(rolledBack.backups).toHaveLength(1);
    expect(
      target.engine
        .live()
        .entities.get('Branch')
        ?.fields.map((field) => field.name),
    ).not.toContain('phone');
    const history = await target.engine.packages.history();
    expect(history.map((entry) => [entry.kind, entry.version, entry.previousVersion])).toEqual([
      ['rollback', '1.0.0', '1.1.0'],
      ['import', '1.1.0', '1.0.0'],
      ['import', '1.0.0', null],
    ]);
    expect(history[0].undoes).toBe(history[1].id);
  });

  it('removes only items that this package installed, and restores them on rollback', async () => {
    const auditor = {
      kind: 'role',
      name: 'auditor',
      label: { ja: '監査' },
      audience: 'staff',
      permissions: [{ entity: 'Branch', actions: ['read'] }],
    } as MetadataItem;
    await target.engine.publish({ upserts: [auditor], removals: [] });
    const dir = join(root, 'v1.2.0');
    // The view goes, and with it the page that shows it.
    const dropped = ['applications-by-status', 'staff-applications'];
    const items = (await libraryCardItems()).filter((item) => !dropped.includes(item.name));
    await writeItemsPackage(dir, items, { version: '1.2.0' });
    const removed = [
      { kind: 'page', name: 'staff-applications' },
      { kind: 'view', name: 'applications-by-status' },
    ];

    const result = await target.engine.packages.import(await target.engine.packages.read(dir));
    expect(byKey(result.plan.removed)).toEqual(removed);
    expect(target.engine.live().item('view', 'applications-by-status')).toBeUndefined();
    expect(target.engine.live().item('role', 'auditor')).toEqual(auditor);

    const rolledBack = await target.engine.packages.rollback('library-card');
    expect(byKey(rolledBack.plan.created)).toEqual(removed);
    expect(target.engine.live().item('view', 'applications-by-status')).toBeDefined();
    expect(target.engine.live().item('role', 'auditor')).toEqual(auditor);
  });

  it('refuses unmet requirements and changes nothing', async () => {
    const dir = join(root, 'needs');
    const requires: PackageManifest['requires'] = {
      plugins: { payments: '^1.2.0' },
      packages: { 'city-base': '^1.0.0', 'library-card': '^1.0.0' },
    };
    await writeItemsPackage(dir, await libraryCardItems(), { name: 'library-card-extra', requires });
    const pkg = await target.engine.packages.read(dir);
    const refused = await expectRefusedWithoutChanges(target, 'package.requires', () =>
      target.engine.packages.import(pkg, { installedPlugins: { payments: '1.1.9' } }),
    );
    expect(refused.details.map((detail) => detail.pointer)).toEqual([
      'manifest.json#/requires/plugins/payments',
      'manifest.json#/requires/packages/city-base',
    ]);
    const plan = await target.engine.packages.plan(pkg, { installedPlugins: { payments: '1.4.0' } });
    expect(plan.unmetRequirements).toEqual([{ type: 'package', name: 'city-base', range: '^1.0.0', installed: null }]);
  });

  it('refuses invalid items with every problem located in its file, changing nothing', async () => {
    const shapeDir = join(root, 'bad-shape');
    await writeItemsPackage(
      shapeDir,
      withBranch(await libraryCardItems(), (branch) => {
        (branch.fields[0] as { type: string }).type = 'strng';
        (branch.fields[2] as { maxLength: unknown }).maxLength = -1;
      }),
      { version: '2.0.0' },
    );
    const shape = await expectRefusedWithoutChanges(target, 'package.invalid', async () =>
      target.engine.packages.import(await target.engine.packages.read(shapeDir)),
    );
    expect(shape.details.map((detail) => detail.pointer)).toEqual([
      'entities/Branch.json#/fields/0/type',
      'entities/Branch.json#/fields/2/maxLength',
    ]);

    const meaningDir = join(root, 'bad-meaning');
    const items = (await libraryCardItems()).map((item) =>
      item.kind === 'form' && item.name === 'library-card-application' ? { ...item, entity: 'Nowhere' } : item,
    );
    await writeItemsPackage(meaningDir, items, { version: '2.0.0' });
    const meaning = await expectRefusedWithoutChanges(target, 'package.invalid', async () =>
      target.engine.packages.import(await target.engine.packages.read(meaningDir)),
    );
    expect(meaning.details).toEqual([
      expect.objectContaining({
        pointer: 'forms/library-card-application.json#/entity',
        code: 'semantic.unknownEntity',
      }),
    ]);
  });

  it('refuses destructive steps without allowDestructive, changing nothing', async () => {
    const dir = join(root, 'drop-seats');
    await writeItemsPackage(
      dir,
      withBranch(await libraryCardItems(), (branch) => {
        branch.fields = branch.fields.filter((field) => field.name !== 'seats');
      }),
      { version: '3.0.0' },
    );
    const pkg = await target.engine.packages.read(dir);
    const plan = await target.engine.packages.plan(pkg);
    expect(plan.migration).toMatchObject({ destructive: true });
    expect(formatPackagePlan(plan, 'en')).toContain('destructive steps need --allow-destructive');
    await expectRefusedWithoutChanges(target, 'migration.destructive', () => target.engine.packages.import(pkg));
  });

  it('refuses unsafe and oversized archives, changing nothing', async () => {
    const manifest = JSON.stringify({ name: 'evil', version: '1.0.0', contents: [] });
    const importArchive =
      (file: string, limits = {}) =>
      async () =>
        target.engine.packages.import(await target.engine.packages.read(file, limits));

    const traversal = join(root, 'traversal.tar.gz');
    await craftArchive(traversal, [
      { path: 'manifest.json', body: manifest },
      { path: '../evil.json', body: '{}' },
    ]);
    await expectRefusedWithoutChanges(target, 'package.unsafe', importArchive(traversal));

    const linked = join(root, 'symlink.tar.gz');
    await craftArchive(linked, [
      { path: 'manifest.json', body: manifest },
      { path: 'roles/x.json', type: 'SymbolicLink', linkpath: '../../../etc/passwd' },
    ]);
    await expectRefusedWithoutChanges(target, 'package.unsafe', importArchive(linked));

    await expectRefusedWithoutChanges(
      target,
      'package.tooLarge',
      importArchive(join(root, 'a.tar.gz'), { maxArchiveBytes: 512 }),
    );
    await expectRefusedWithoutChanges(
      target,
      'package.tooLarge',
      importArchive(join(root, 'a.tar.gz'), { maxFiles: 3 }),
    );
    await expectRefusedWithoutChanges(
      target,
      'package.tooLarge',
      importArchive(join(root, 'a.tar.gz'), { maxBytes: 2048 }),
    );
  });

  it('refuses a rollback when there is nothing to roll back', async () => {
    await expectRefusedWithoutChanges(target, 'package.nothingToRollBack', () =>
      target.engine.packages.rollback('never-imported'),
    );
  });
});
