import type { Principal } from '../access/index.ts';
import { auditedImport } from './audit-refusal.ts';
import { type ExportOptions, exportPackage, writeArchive } from './export-package.ts';
import { listHistory } from './history.ts';
import { importPackage, planImport } from './import-package.ts';
import { readPackage } from './read-package.ts';
import { rollbackPackage } from './rollback-package.ts';
import type {
  ApplyOptions,
  ImportOptions,
  MetadataPackage,
  PackageApplyResult,
  PackageDeps,
  PackageHistoryEntry,
  PackageLimits,
  PackagePlan,
} from './types.ts';

/** The package operations bound to one engine, as `Engine.packages` offers them. */
export interface PackageOperations {
  /** Writes the selected published items (all by default) as a package directory. */
  export(dir: string, options: ExportOptions): Promise<MetadataPackage>;
  /** Packs a package directory into a .tar.gz after checking it. */
  writeArchive(dir: string, file: string): Promise<void>;
  /** Reads and checks a package directory or .tar.gz archive. */
  read(source: string, limits?: Partial<PackageLimits>): Promise<MetadataPackage>;
  plan(pkg: MetadataPackage, options?: { installedPlugins?: Record<string, string> }): Promise<PackagePlan>;
  import(pkg: MetadataPackage, options?: Partial<ImportOptions>): Promise<PackageApplyResult>;
  rollback(name: string, options?: Partial<ApplyOptions>): Promise<PackageApplyResult>;
  /** Runs `work` (reading an uploaded archive) and audits it as a refused import when it throws. */
  auditRefusal<T>(principal: Principal | null, work: () => Promise<T>): Promise<T>;
  /** Newest first; one package's or every package's. */
  history(name?: string): Promise<PackageHistoryEntry[]>;
}

export function packageOperations(deps: PackageDeps): PackageOperations {
  return {
    export: (dir, options) => exportPackage(deps, options, dir),
    writeArchive,
    read: readPackage,
    plan: (pkg, options) => planImport(deps, pkg, options),
    import: (pkg, options) =>
      auditedImport(deps, { principal: options?.principal ?? null, package: pkg.manifest }, () =>
        importPackage(deps, pkg, options),
      ),
    auditRefusal: (principal, work) => auditedImport(deps, { principal }, work),
    rollback: (name, options) => rollbackPackage(deps, name, options),
    history: (name) => listHistory(deps.live().sql(), name),
  };
}
