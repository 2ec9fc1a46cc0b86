import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { type CraftedEntry, craftTar } from '../../engine/src/packages/package-test-support.ts';
import type { FuzzRequest } from './bad-records.ts';

const manifest = (contents: unknown[]) => JSON.stringify({ name: 'fuzz', version: '1.0.0', contents });
const branchItem = JSON.stringify({
  kind: 'entity',
  name: 'FuzzBranch',
  label: { ja: '分館' },
  fields: [{ name: 'title', type: 'string', label: { ja: '名前' } }],
});
const listed = [{ kind: 'entity', name: 'FuzzBranch', file: 'entities/FuzzBranch.json' }];

/** Entries that make any package unsafe or invalid, whatever else it holds. */
const badEntry = fc.oneof(
  fc.constantFrom<CraftedEntry>(
    { path: '../escape.json', body: '{}' },
    { path: '/etc/passwd', body: 'root' },
    { path: 'entities/link.json', type: 'SymbolicLink', linkpath: '/etc/passwd' },
    { path: 'entities/hard.json', type: 'Link', linkpath: 'manifest.json' },
    { path: 'dev', type: 'CharacterDevice' },
    { path: 'entities/unlisted.json', body: branchItem },
    { path: 'manifest.json', body: manifest(listed) },
    { path: 'entities/FuzzBranch.json', body: '{"kind": "entity",' },
    { path: 'entities/FuzzBranch.json', body: '\uFEFF\u0000' },
  ),
  fc.string({ maxLength: 40 }).map((body) => ({ path: 'entities/FuzzBranch.json', body: `{${body}` })),
);

/** A package of one valid entity with one bad entry among its files. */
const craftedArchive = fc.tuple(badEntry, fc.boolean()).map(([bad, before]) => {
  const good: CraftedEntry[] = [
    { path: 'manifest.json', body: manifest(listed) },
    { path: 'entities/FuzzBranch.json', body: branchItem },
  ];
  return gzipSync(craftTar(before ? [bad, ...good] : [...good, bad]));
});

/**
 * A valid exported archive with one byte changed inside its deflate data or its checksum, or
 * cut short. The reader must notice each, since it reads the whole gzip stream; a change that
 * leaves the stream intact (a padding bit of the last deflate byte) is no damage and skipped.
 */
const damagedExport = (archive: Buffer) =>
  fc
    .oneof(
      fc.tuple(fc.integer({ min: 10, max: archive.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, flip]) => {
        const copy = Buffer.from(archive);
        copy[at] = (copy[at] ?? 0) ^ flip;
        return copy;
      }),
      fc.integer({ min: 0, max: archive.length - 1 }).map((length) => archive.subarray(0, length)),
    )
    .filter((bytes) => {
      try {
        gunzipSync(bytes);
        return false;
      } catch {
        return true;
      }
    });

const randomBytes = fc.oneof(
  fc.uint8Array({ maxLength: 2048 }),
  fc.uint8Array({ maxLength: 2048 }).map((bytes) => gzipSync(bytes)),
  // Much more behind the end marker than any package may hold, compressed to a few kilobytes.
  fc
    .integer({ min: 30, max: 60 })
    .map((megabytes) => gzipSync(craftTar([], { after: Buffer.alloc(megabytes << 20, 'A') }))),
);

/** Plans and imports of archives that are not valid packages; `exported` is a valid archive of the live app. */
export function badPackages(exported: Buffer): fc.Arbitrary<FuzzRequest> {
  const upload = (route: 'plan' | 'import', bytes: Uint8Array, type = 'application/gzip'): FuzzRequest => ({
    caller: 'admin',
    method: 'POST',
    path: `/api/admin/packages/${route}`,
    bytes: new Uint8Array(bytes),
    headers: { 'content-type': type },
  });
  return fc.oneof(
    fc
      .tuple(
        fc.constantFrom('plan', 'import') as fc.Arbitrary<'plan' | 'import'>,
        fc.oneof(craftedArchive, randomBytes),
      )
      .map(([route, bytes]) => upload(route, bytes)),
    fc
      .tuple(fc.constantFrom('plan', 'import') as fc.Arbitrary<'plan' | 'import'>, damagedExport(exported))
      .map(([route, bytes]) => upload(route, bytes)),
    craftedArchive.map((bytes) => ({ ...upload('import', bytes), caller: 'librarian' }) as FuzzRequest),
    craftedArchive.map((bytes) => upload('import', bytes, 'text/plain')),
  );
}
