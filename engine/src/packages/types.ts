import type { Principal } from '../access/index.ts';
import type { MigrationPlan } from '../data/index.ts';
import type { ItemKey, MetadataItem, PackageManifest } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { MetadataChanges, PublishOptions, PublishOutcome } from '../runtime/publish.ts';
import type { DiffEntry } from './item-diff.ts';

/** What package operations need from the engine; `Engine` itself fits. */
export interface PackageDeps {
  live(): LiveApp;
  publish(changes: MetadataChanges, options?: Partial<PublishOptions>): Promise<PublishOutcome>;
  /** The loaded plugins and their versions, which a package's `requires.plugins` is checked against. */
  installedPlugins(): Record<string, string>;
}

/** Rows of one entity a package carries (fee tables, collection days), matched by a natural key. */
export interface ReferenceData {
  entity: string;
  /** The fields that identify a row across environments, e.g. `["code"]`. */
  key: string[];
  /** The package file holding the rows, for messages. */
  file: string;
  rows: Record<string, unknown>[];
}

/** A row's natural key: key field → value. */
export type RowKey = Record<string, unknown>;

/** What importing a data set does to its entity's rows. */
export interface DataPlan {
  entity: string;
  key: string[];
  inserted: RowKey[];
  updated: { key: RowKey; diff: DiffEntry[] }[];
  deleted: RowKey[];
  /** Partial packages only: the rows a full package would delete, left alone. */
  wouldDelete: RowKey[];
  unchanged: number;
}

/** A package as read and checked: its manifest, its items in the manifest's order and its reference data. */
export interface MetadataPackage {
  manifest: PackageManifest;
  items: MetadataItem[];
  data: ReferenceData[];
  /** The directory or archive it was read from, for messages. */
  source: string;
}

/** Bounds on what reading a package may cost; an archive can claim anything in its headers. */
export interface PackageLimits {
  /** Total bytes of every file, unpacked. */
  maxBytes: number;
  /** Files and directories together. */
  maxFiles: number;
  /** Size of the archive file itself. */
  maxArchiveBytes: number;
}

export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxBytes: 20 * 1024 * 1024,
  maxFiles: 5_000,
  maxArchiveBytes: 20 * 1024 * 1024,
};

/** One unmet `requires` entry of a manifest. */
export interface UnmetRequirement {
  type: 'plugin' | 'package';
  name: string;
  range: string;
  /** The installed version, or null when nothing of that name is installed. */
  installed: string | null;
}

export interface ItemChange extends ItemKey {
  diff: DiffEntry[];
}

/** What importing (or rolling back) a package would do to the live app. */
export interface PackagePlan {
  package: string;
  action: 'import' | 'rollback';
  /** The version installed now, null when the package is not installed. */
  fromVersion: string | null;
  /** The version installed afterwards, null when a rollback removes the package. */
  toVersion: string | null;
  created: ItemKey[];
  changed: ItemChange[];
  removed: ItemKey[];
  /** Items of the package that are already live exactly as they are. */
  unchanged: ItemKey[];
  /**
   * A partial package changes only what it lists: nothing is removed, and `wouldRemove` (items)
   * and each data set's `wouldDelete` (rows) say what the full package would remove.
   */
  partial: boolean;
  wouldRemove: ItemKey[];
  /** Reference data: rows inserted, updated and deleted per entity. */
  data: DataPlan[];
  migration: MigrationPlan;
  unmetRequirements: UnmetRequirement[];
}

export interface ApplyOptions {
  /** Plan only: validate and show what would happen, write nothing. */
  dryRun: boolean;
  /** Apply destructive migration steps (their tables are backed up first). */
  allowDestructive: boolean;
  principal: Principal | null;
}

export interface ImportOptions extends ApplyOptions {
  /** Installed plugin name → version, for the manifest's `requires.plugins`. */
  installedPlugins: Record<string, string>;
}

export interface PackageApplyResult {
  applied: boolean;
  plan: PackagePlan;
  /** The history entry written, null for a dry run. */
  historyId: number | null;
  /** The metadata publication, null when nothing live changed (or for a dry run). */
  publicationId: number | null;
  backups: PublishOutcome['backups'];
}

/** One import or rollback as `packageHistory` lists it; item bodies stay in the table. */
export interface PackageHistoryEntry {
  id: number;
  package: string;
  kind: 'import' | 'rollback';
  /** Installed after this entry; null when a rollback removed the package. */
  version: string | null;
  previousVersion: string | null;
  items: ItemKey[];
  /** For a rollback, the import it undid. */
  undoes: number | null;
  publicationId: number | null;
  appliedAt: string;
  appliedBy: string | null;
}
