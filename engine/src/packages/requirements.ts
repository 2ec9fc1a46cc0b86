import semver from 'semver';
import type { PackageManifest } from '../metadata/index.ts';
import type { UnmetRequirement } from './types.ts';

export interface InstalledVersions {
  plugins: Record<string, string>;
  packages: ReadonlyMap<string, string>;
}

/** Every `requires` entry of the manifest that what is installed does not satisfy. */
export function unmetRequirements(manifest: PackageManifest, installed: InstalledVersions): UnmetRequirement[] {
  const unmet: UnmetRequirement[] = [];
  const check = (
    type: UnmetRequirement['type'],
    ranges: Record<string, string>,
    versionOf: (name: string) => string | undefined,
  ) => {
    for (const [name, range] of Object.entries(ranges)) {
      const version = versionOf(name) ?? null;
      if (version === null || !satisfies(version, range)) unmet.push({ type, name, range, installed: version });
    }
  };
  check('plugin', manifest.requires?.plugins ?? {}, (name) =>
    Object.hasOwn(installed.plugins, name) ? installed.plugins[name] : undefined,
  );
  check('package', manifest.requires?.packages ?? {}, (name) => installed.packages.get(name));
  return unmet;
}

/** A range that semver cannot read, or a version that is not semver, never counts as met. */
function satisfies(version: string, range: string): boolean {
  return semver.valid(version) !== null && semver.validRange(range) !== null && semver.satisfies(version, range);
}
