import { recordAudit } from '../access/index.ts';
import type { MetadataChanges } from '../runtime/publish.ts';
import { appendHistory, latestRecord, type NewHistoryRecord } from './history.ts';
import { packageConflict } from './package-errors.ts';
import { applyReferenceData, type CheckedData } from './reference-data.ts';
import type { ApplyOptions, PackageApplyResult, PackageDeps, PackagePlan } from './types.ts';

/** A planned transition, ready to apply. */
export interface PreparedTransition {
  plan: PackagePlan;
  changes: MetadataChanges;
  /** Reference data to write after the migration, in the same transaction. */
  data: CheckedData[];
  /** The newest history row the plan was made against (null: the package had none). */
  basisId: number | null;
  record: Omit<NewHistoryRecord, 'publicationId' | 'appliedBy'>;
}

export function dryRunResult(plan: PackagePlan): PackageApplyResult {
  return { applied: false, plan, historyId: null, publicationId: null, backups: [] };
}

/**
 * Publishes the metadata, runs the migration and appends the history row in ONE
 * transaction through `publish`, so the live app swaps in without a restart and a refusal
 * anywhere (invalid metadata, unconfirmed destructive or blocked steps, a concurrent import
 * of the same package) leaves everything as it was.
 */
export async function applyTransition(
  deps: PackageDeps,
  prepared: PreparedTransition,
  options: ApplyOptions,
): Promise<PackageApplyResult> {
  const name = prepared.record.package;
  let historyId: number | null = null;
  const outcome = await deps.publish(prepared.changes, {
    confirmDestructive: options.allowDestructive,
    principal: options.principal,
    withinTransaction: async (sql, published) => {
      // Publications hold an advisory lock, so this check and the insert below cannot interleave.
      if (((await latestRecord(sql, name))?.id ?? null) !== prepared.basisId) throw packageConflict(name);
      await applyReferenceData(sql, prepared.data, {
        package: name,
        partial: prepared.plan.partial,
        principal: options.principal,
      });
      historyId = await appendHistory(sql, {
        ...prepared.record,
        publicationId: published.publicationId,
        appliedBy: options.principal?.id ?? null,
      });
      await recordAudit(sql, {
        principal: options.principal,
        action: `package.${prepared.record.kind}`,
        detail: {
          package: name,
          from: prepared.plan.fromVersion,
          to: prepared.plan.toVersion,
          historyId,
          publicationId: published.publicationId,
        },
      });
    },
  });
  return {
    applied: true,
    plan: prepared.plan,
    historyId,
    publicationId: outcome.publicationId,
    backups: outcome.backups,
  };
}
