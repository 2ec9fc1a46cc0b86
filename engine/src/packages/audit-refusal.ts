import { type Principal, recordAudit } from '../access/index.ts';
import { KibanError } from '../errors.ts';
import type { PackageDeps } from './types.ts';

/**
 * Runs an import and, when it is refused, leaves an audit entry of who tried what and why
 * (the error code and the package named in the manifest, if it could be read), in its own
 * statement: the refused import itself changed nothing.
 */
export async function auditedImport<T>(
  deps: Pick<PackageDeps, 'live'>,
  attempt: { principal: Principal | null; package?: { name: string; version: string } },
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof KibanError) {
      await recordAudit(deps.live().sql(), {
        principal: attempt.principal,
        action: 'package.refused',
        detail: { code: error.code, ...(attempt.package ? { package: attempt.package } : {}) },
      });
    }
    throw error;
  }
}
