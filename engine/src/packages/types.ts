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

/** A package as read and checked: its manifest and its items in the manifest's order. */
export interface MetadataPackage {
  manifest: PackageManifest;
  items: MetadataItem[];
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
