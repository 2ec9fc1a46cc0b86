import { isDeepStrictEqual } from 'node:util';
import { KibanError } from '../errors.ts';
import { applyTransition, dryRunResult, type PreparedTransition } from './apply-transition.ts';
import { installedPackageVersions, latestRecord } from './history.ts';
import { unmetRequirementsError } from './package-errors.ts';
import { keyOf, planTransition } from './plan-transition.ts';
import { unmetRequirements } from './requirements.ts';
import type { ImportOptions, MetadataPackage, PackageApplyResult, PackageDeps, PackagePlan } from './types.ts';

/**
 * What importing the package would do: items created, changed (with a diff) and removed,
 * the migration with each step's safety and affected rows, and unmet requirements.
 * Throws `package.invalid` when the app would be invalid afterwards. Writes nothing.
 */
export async function planImport(
  deps: PackageDeps,
  pkg: MetadataPackage,
  options: { installedPlugins?: Record<string, string> } = {},
): Promise<PackagePlan> {
  return (await prepareImport(deps, pkg, options.installedPlugins ?? deps.installedPlugins())).plan;
}

/**
 * Imports the package atomically, or refuses and changes nothing: unmet requirements
 * (`package.requires`), an app that would be invalid (`package.invalid`), destructive
 * steps without `allowDestructive` (`migration.destructive`), blocked steps
 * (`migration.blocked`). A dry run returns the plan without refusing.
 */
export async function importPackage(
  deps: PackageDeps,
  pkg: MetadataPackage,
  options: Partial<ImportOptions> = {},
): Promise<PackageApplyResult> {
  const settings: ImportOptions = {
    dryRun: false,
    allowDestructive: false,
    principal: null,
    installedPlugins: deps.installedPlugins(),
    ...options,
  };
  const prepared = await prepareImport(deps, pkg, settings.installedPlugins);
  const { plan } = prepared;
  if (settings.dryRun) return dryRunResult(plan);
  if (plan.unmetRequirements.length > 0) throw unmetRequirementsError(plan.package, plan.unmetRequirements);
  if (isAlreadyInstalled(prepared)) return dryRunResult(plan);
  return applyTransition(deps, prepared, settings);
}

async function prepareImport(
  deps: PackageDeps,
  pkg: MetadataPackage,
  installedPlugins: Record<string, string>,
): Promise<PreparedTransition> {
  const sql = deps.live().sql();
  const { manifest } = pkg;
  const latest = await latestRecord(sql, manifest.name);
  const installed = { plugins: installedPlugins, packages: await installedPackageVersions(sql) };
  const files = new Map(manifest.contents.map((entry) => [keyOf(entry), entry.file]));
  const unmet = unmetRequirements(manifest, installed);
  const { plan, changes, data } = await planTransition(deps, {
    action: 'import',
    package: manifest.name,
    fromVersion: latest?.version ?? null,
    toVersion: manifest.version,
    items: pkg.items,
    installed: latest?.items ?? [],
    fileOf: (key) => files.get(keyOf(key)),
    unmetRequirements: unmet,
    partial: manifest.partial === true,
    data: pkg.data,
  }).catch((error: unknown) => {
    // Items that need a missing plugin fail validation; the missing plugin is the reason to report.
    if (unmet.length > 0 && error instanceof KibanError && error.code === 'package.invalid') {
      throw unmetRequirementsError(manifest.name, unmet);
    }
    throw error;
  });
  return {
    plan,
    changes,
    data,
    basisId: latest?.id ?? null,
    record: {
      package: manifest.name,
      kind: 'import',
      version: manifest.version,
      manifest,
      items: pkg.items,
      previousVersion: latest?.version ?? null,
      previousManifest: latest?.manifest ?? null,
      previousItems: latest?.items ?? [],
      undoes: null,
    },
  };
}

/** Importing the installed version again, with nothing live differing, is a no-op rather than a history entry. */
function isAlreadyInstalled({ plan, record }: PreparedTransition): boolean {
  return (
    plan.fromVersion === plan.toVersion &&
    plan.created.length === 0 &&
    plan.changed.length === 0 &&
    plan.removed.length === 0 &&
    plan.data.every((set) => set.inserted.length + set.updated.length + set.deleted.length === 0) &&
    isDeepStrictEqual(record.manifest, record.previousManifest) &&
    isDeepStrictEqual(record.items, record.previousItems)
  );
}
