import { describe, expect, it } from 'vitest';
import type { PackageManifest } from '../metadata/index.ts';
import { unmetRequirements } from './requirements.ts';

const manifest = (requires: PackageManifest['requires']): PackageManifest => ({
  name: 'app',
  version: '1.0.0',
  requires,
  contents: [],
});

describe('unmetRequirements', () => {
  it('checks plugins against the versions given and packages against the installed ones', () => {
    const unmet = unmetRequirements(
      manifest({
        plugins: { payments: '^1.2.0', mail: '~2.0', chat: '>=1.0.0' },
        packages: { '@city/base': '^1.0.0 || ^2.0.0', 'library-card': '1.x' },
      }),
      { plugins: { payments: '1.3.1', mail: '2.1.0' }, packages: new Map([['@city/base', '2.4.0']]) },
    );
    expect(unmet).toEqual([
      { type: 'plugin', name: 'mail', range: '~2.0', installed: '2.1.0' },
      { type: 'plugin', name: 'chat', range: '>=1.0.0', installed: null },
      { type: 'package', name: 'library-card', range: '1.x', installed: null },
    ]);
  });

  it('does not count inherited properties or unreadable versions as installed', () => {
    expect(
      unmetRequirements(manifest({ plugins: { constructor: '*', odd: '*' } }), {
        plugins: { odd: 'not-a-version' },
        packages: new Map(),
      }).map((u) => u.name),
    ).toEqual(['constructor', 'odd']);
  });

  it('is met by a manifest without requirements', () => {
    expect(unmetRequirements(manifest(undefined), { plugins: {}, packages: new Map() })).toEqual([]);
  });
});
