import type { ErrorDetail } from '../errors.ts';
import { type ItemKey, loadPublished, type MetadataItem, validateMetadata } from '../metadata/index.ts';
import { type MetadataChanges, mergeChanges } from '../runtime/publish.ts';
import { diffJson } from './item-diff.ts';
import { fileProblem, invalidPackage } from './package-errors.ts';
import { type CheckedData, checkReferenceData, planReferenceData } from './reference-data.ts';
import type { PackageDeps, PackagePlan, ReferenceData, UnmetRequirement } from './types.ts';

/** Moving one package from the item set installed now to another one. */
export interface Transition {
  action: PackagePlan['action'];
  package: string;
  fromVersion: string | null;
  toVersion: string | null;
  /** The package's items afterwards. */
  items: MetadataItem[];
  /** The package's items installed now (from its history); those missing from `items` are removed. */
  installed: MetadataItem[];
  /** The package file of an item, to locate its problems; absent for a rollback. */
  fileOf?: (key: ItemKey) => string | undefined;
  unmetRequirements: UnmetRequirement[];
  /** A partial package removes nothing: items and rows it does not list stay. */
  partial?: boolean;
  data?: ReferenceData[];
}

/**
 * Compares the transition with what is live: items created, changed (with a diff) and
 * removed, and — through a dry-run publish — the migration it needs. The whole app as it
 * would be afterwards is validated first, so that problems point into package files.
 * Only items this package installed are ever removed.
 */
export async function planTransition(
  deps: PackageDeps,
  transition: Transition,
): Promise<{ plan: PackagePlan; changes: MetadataChanges; data: CheckedData[] }> {
  const live = (await loadPublished(deps.live().sql())).map((published) => published.item);
  const liveByKey = new Map(live.map((item) => [keyOf(item), item]));
  const wanted = new Set(transition.items.map(keyOf));
  const partial = transition.partial === true;
  const notListed = transition.installed
    .filter((item) => !wanted.has(keyOf(item)) && liveByKey.has(keyOf(item)))
    .map(toKey);
  const changes: MetadataChanges = { upserts: transition.items, removals: partial ? [] : notListed };
  const merged = mergeChanges(live, changes);
  // The loaded plugins' field types are part of the language the package is written in.
  const fieldTypes = deps.live().fieldTypes;
  const errors = validateMetadata(merged.items, { fieldTypes });
  if (errors.length > 0) {
    const details = errors.map((error): ErrorDetail => {
      const file =
        error.kind && error.kind !== 'package' && error.name !== undefined
          ? transition.fileOf?.({ kind: error.kind, name: error.name })
          : undefined;
      return file === undefined
        ? { pointer: `/${error.kind}/${error.name}${error.pointer}`, code: error.code, message: error.message }
        : fileProblem(file, error.pointer, error.code, error.message);
    });
    throw invalidPackage(transition.package, details);
  }
  const { checked, problems } = checkReferenceData(merged.items, fieldTypes, transition.data ?? []);
  if (problems.length > 0) throw invalidPackage(transition.package, problems);
  const dryRun = await deps.publish(changes, { dryRun: true });
  const changedKeys = new Set(merged.changed.map(keyOf));
  const plan: PackagePlan = {
    package: transition.package,
    action: transition.action,
    fromVersion: transition.fromVersion,
    toVersion: transition.toVersion,
    created: merged.changed.filter((key) => !liveByKey.has(keyOf(key))).map(toKey),
    changed: transition.items
      .filter((item) => changedKeys.has(keyOf(item)) && liveByKey.has(keyOf(item)))
      .map((item) => ({ ...toKey(item), diff: diffJson(liveByKey.get(keyOf(item)), item) })),
    removed: merged.removed,
    unchanged: transition.items.filter((item) => !changedKeys.has(keyOf(item))).map(toKey),
    partial,
    wouldRemove: partial ? notListed : [],
    data: await planReferenceData(deps.live().sql(), checked, partial),
    migration: dryRun.plan,
    unmetRequirements: transition.unmetRequirements,
  };
  return { plan, changes, data: checked };
}

export function keyOf(key: ItemKey): string {
  return `${key.kind}:${key.name}`;
}

function toKey(key: ItemKey): ItemKey {
  return { kind: key.kind, name: key.name };
}
