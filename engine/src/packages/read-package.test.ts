import { appendFile, link, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { create } from 'tar';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EntityMetadata } from '../metadata/index.ts';
import {
  craftArchive,
  libraryCardItems,
  temporaryDirectory,
  writeFiles,
  writeItemsPackage,
} from './package-test-support.ts';
import { readPackage } from './read-package.ts';

let root: string;
let dir: string;

beforeEach(async () => {
  root = await temporaryDirectory();
  dir = join(root, 'pkg');
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** The error `readPackage` throws, with its details as `pointer code` lines. */
async function refusal(source: string, limits = {}) {
  const error = await readPackage(source, limits).then(
    () => {
      throw new Error('the package was accepted');
    },
    (caught: { code: string; status: number; details: { pointer: string; code: string }[] }) => caught,
  );
  return { code: error.code, status: error.status, details: error.details.map((d) => `${d.pointer} ${d.code}`) };
}

describe('readPackage from a directory', () => {
  it('reads the manifest and the items in its order', async () => {
    const items = await libraryCardItems();
    const manifest = await writeItemsPackage(dir, items);
    const pkg = await readPackage(dir);
    expect(pkg.manifest).toEqual(manifest);
    expect(pkg.items).toEqual(items);
  });

  it('refuses a package without a manifest', async () => {
    await writeFiles(dir, { 'entities/Branch.json': {} });
    expect(await refusal(dir)).toEqual({
      code: 'package.invalid',
      status: 422,
      details: ['manifest.json# package.manifest.missing'],
    });
  });

  it('locates manifest problems in manifest.json', async () => {
    await writeFiles(dir, { 'manifest.json': { name: 'Library Card', version: '1.0', contents: [] } });
    const { details } = await refusal(dir);
    expect(details).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^manifest\.json#\/name /),
        expect.stringMatching(/^manifest\.json#\/version /),
      ]),
    );
  });

  it('lists every problem of every file with its file and JSON pointer', async () => {
    const items = await libraryCardItems();
    const branch = items.find((item) => item.name === 'Branch') as EntityMetadata;
    (branch.fields[0] as { type: string }).type = 'strng';
    (branch.fields[2] as { maxLength: unknown }).maxLength = 'long';
    await writeItemsPackage(dir, items);
    await writeFile(join(dir, 'roles/resident.json'), '{ "kind": "role", ');
    await writeFiles(dir, { 'views/extra.json': { kind: 'view' } });
    const refused = await refusal(dir);
    expect(refused.code).toBe('package.invalid');
    expect(refused.details).toEqual([
      expect.stringMatching(/^entities\/Branch\.json#\/fields\/0\/type /),
      expect.stringMatching(/^entities\/Branch\.json#\/fields\/2\/maxLength /),
      'roles/resident.json# package.file.json',
      'views/extra.json# package.file.unlisted',
    ]);
  });

  it('refuses listed files that are missing and items that are not what the manifest says', async () => {
    const items = await libraryCardItems();
    await writeItemsPackage(dir, items);
    await rm(join(dir, 'views/applications-by-status.json'));
    await writeFiles(dir, {
      'roles/librarian.json': { ...items.find((item) => item.name === 'librarian'), name: 'boss' },
    });
    const { details } = await refusal(dir);
    expect(details).toEqual([
      'roles/librarian.json#/name package.item.nameMismatch',
      expect.stringMatching(/^manifest\.json#\/contents\/\d+\/file package\.file\.missing$/),
    ]);
  });

  it('refuses symbolic links instead of following them', async () => {
    await writeItemsPackage(dir, await libraryCardItems());
    await symlink('/etc/passwd', join(dir, 'roles/passwd.json'));
    expect(await refusal(dir)).toMatchObject({
      code: 'package.unsafe',
      details: ['roles/passwd.json# package.entry.link'],
    });
  });

  it('holds a directory to the same size and count limits', async () => {
    await writeItemsPackage(dir, await libraryCardItems());
    expect(await refusal(dir, { maxFiles: 5 })).toMatchObject({ code: 'package.tooLarge', status: 413 });
    expect(await refusal(dir, { maxBytes: 1000 })).toMatchObject({
      code: 'package.tooLarge',
      details: [expect.stringContaining('package.limit.bytes')],
    });
  });
});

describe('readPackage from an archive', () => {
  let archive: string;
  let manifestText: string;

  beforeEach(async () => {
    archive = join(root, 'pkg.tar.gz');
    await writeFiles(dir, { 'manifest.json': { name: 'empty', version: '1.0.0', contents: [] } });
    manifestText = JSON.stringify({ name: 'empty', version: '1.0.0', contents: [] });
  });

  it('reads an archive made with tar -C dir . (entries named ./…)', async () => {
    const items = await libraryCardItems();
    await writeItemsPackage(dir, items);
    await create({ cwd: dir, file: archive, gzip: true }, ['.']);
    const pkg = await readPackage(archive);
    expect(pkg.items).toEqual(items);
    expect(pkg.source).toBe(archive);
  });

  it.each([
    ['a parent path', '../evil.json', 'package.entry.traversal'],
    ['a nested parent path', 'entities/../../evil.json', 'package.entry.traversal'],
    ['an absolute path', '/tmp/evil.json', 'package.entry.absolute'],
    ['a drive letter', 'C:/evil.json', 'package.entry.absolute'],
    ['a backslash', '..\\evil.json', 'package.entry.traversal'],
  ])('refuses an entry with %s', async (_, path, code) => {
    await craftArchive(archive, [
      { path: 'manifest.json', body: manifestText },
      { path, body: '{}' },
    ]);
    expect(await refusal(archive)).toEqual({ code: 'package.unsafe', status: 422, details: [`${path}# ${code}`] });
  });

  it('refuses links and device entries, all of them at once', async () => {
    await craftArchive(archive, [
      { path: 'manifest.json', body: manifestText },
      { path: 'roles/a.json', type: 'SymbolicLink', linkpath: '/etc/passwd' },
      { path: 'roles/b.json', type: 'Link', linkpath: 'manifest.json' },
      { path: 'roles/c.json', type: 'CharacterDevice' },
      { path: 'roles/d.json', type: 'FIFO' },
    ]);
    expect((await refusal(archive)).details).toEqual([
      'roles/a.json# package.entry.link',
      'roles/b.json# package.entry.link',
      'roles/c.json# package.entry.type',
      'roles/d.json# package.entry.type',
    ]);
  });

  it('refuses links that tar itself recorded from the file system', async () => {
    await symlink('/etc/hostname', join(dir, 'host.json'));
    await link(join(dir, 'manifest.json'), join(dir, 'copy.json'));
    await create({ cwd: dir, file: archive, gzip: true }, ['manifest.json', 'host.json', 'copy.json']);
    expect((await refusal(archive)).details).toEqual([
      'host.json# package.entry.link',
      'copy.json# package.entry.link',
    ]);
  });

  it('refuses an entry that appears twice', async () => {
    await craftArchive(archive, [
      { path: 'manifest.json', body: manifestText },
      { path: 'manifest.json', body: '{}' },
    ]);
    expect((await refusal(archive)).details).toEqual(['manifest.json# package.entry.duplicate']);
  });

  it('stops reading at the first limit passed', async () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ path: `views/v${i}.json`, body: 'x'.repeat(1000) }));
    await craftArchive(archive, [{ path: 'manifest.json', body: manifestText }, ...many]);
    expect(await refusal(archive, { maxFiles: 10 })).toMatchObject({
      code: 'package.tooLarge',
      details: ['views/v9.json# package.limit.files'],
    });
    expect(await refusal(archive, { maxBytes: 20_000 })).toMatchObject({
      code: 'package.tooLarge',
      details: [expect.stringContaining('package.limit.bytes')],
    });
    expect(await refusal(archive, { maxArchiveBytes: 100 })).toMatchObject({
      code: 'package.tooLarge',
      details: [expect.stringContaining('package.limit.archiveBytes')],
    });
  });

  it('refuses trailing data past the cap quickly, without parsing it', async () => {
    // 64 MB behind the end marker that gzips to about 64 KB: parsed on, it stalled the server.
    await craftArchive(archive, [{ path: 'manifest.json', body: manifestText }], {
      after: Buffer.alloc(64 * 1024 * 1024, 'A'),
    });
    expect(await refusal(archive)).toMatchObject({
      code: 'package.tooLarge',
      details: [expect.stringContaining('package.limit.bytes')],
    });
  });

  it('reads the zero padding tar tools write behind the end marker', async () => {
    await craftArchive(archive, [{ path: 'manifest.json', body: manifestText }], { after: Buffer.alloc(9216) });
    expect((await readPackage(archive)).manifest.name).toBe('empty');
  });

  it('refuses an archive whose gzip stream is damaged behind the end marker', async () => {
    await craftArchive(archive, [{ path: 'manifest.json', body: manifestText }]);
    await appendFile(archive, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef]));
    expect(await refusal(archive)).toMatchObject({ code: 'package.unreadable' });
  });

  it('caps the whole decompressed stream, not only the files', async () => {
    // The body of an entry refused for its path is skipped, never stored: without a cap on the
    // whole stream it would be decompressed to its end however large it is.
    await craftArchive(archive, [
      { path: 'manifest.json', body: manifestText },
      { path: '../skipped.json', body: 'A'.repeat(8 * 1024 * 1024) },
    ]);
    expect(await refusal(archive, { maxBytes: 100_000, maxFiles: 10 })).toMatchObject({
      code: 'package.tooLarge',
      details: [expect.stringContaining('package.limit.bytes')],
    });
  });

  it('refuses an archive without its end marker', async () => {
    await craftArchive(archive, [{ path: 'manifest.json', body: manifestText }], { endMarker: false });
    expect(await refusal(archive)).toMatchObject({ code: 'package.unreadable' });
  });

  it('refuses a file that is not an archive', async () => {
    await writeFile(archive, 'not a tar file at all'.repeat(100));
    expect(await refusal(archive)).toMatchObject({ code: 'package.unreadable' });
  });

  it('writes nothing while reading', async () => {
    await craftArchive(archive, [
      { path: 'manifest.json', body: manifestText },
      { path: '../escaped.json', body: '{}' },
    ]);
    await refusal(archive);
    expect((await readdir(root)).sort()).toEqual(['pkg', 'pkg.tar.gz']);
  });
});
