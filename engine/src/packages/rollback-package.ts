import { applyTransition, dryRunResult } from './apply-transition.ts';
import { latestRecord, latestUndoableImport } from './history.ts';
import { nothingToRollBack } from './package-errors.ts';
import { planTransition } from './plan-transition.ts';
import type { ApplyOptions, PackageApplyResult, PackageDeps } from './types.ts';

/**
 * Undoes the package's newest import that is not undone yet: re-applies the item set
 * installed before it and removes the items it added, recorded as a 'rollback' entry.
 * Repeated rollbacks unwind older imports; the first import's rollback removes the
 * package's items. Destructive steps need `allowDestructive`, as for an import.
 */
export async function rollbackPackage(
  deps: PackageDeps,
  name: string,
  options: Partial<ApplyOptions> = {},
): Promise<PackageApplyResult> {
  const settings: ApplyOptions = { dryRun: false, allowDestructive: false, principal: null, ...options };
  const sql = deps.live().sql();
  const undone = await latestUndoableImport(sql, name);
  const latest = await latestRecord(sql, name);
  if (!undone || !latest) throw nothingToRollBack(name);
  // Reference data is not versioned in the history: a rollback restores the metadata only.
  const { plan, changes, data } = await planTransition(deps, {
    action: 'rollback',
    package: name,
    fromVersion: latest.version,
    toVersion: undone.previousVersion,
    items: undone.previousItems,
    installed: latest.items,
    unmetRequirements: [],
  });
  if (settings.dryRun) return dryRunResult(plan);
  return applyTransition(
    deps,
    {
      plan,
      changes,
      data,
      basisId: latest.id,
      record: {
        package: name,
        kind: 'rollback',
        version: undone.previousVersion,
        manifest: undone.previousManifest,
        items: undone.previousItems,
        previousVersion: latest.version,
        previousManifest: latest.manifest,
        previousItems: latest.items,
        undoes: undone.id,
      },
    },
    settings,
  );
}
