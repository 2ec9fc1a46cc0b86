/**
 * Remembers, across several renames in one editing session, the name each field had when
 * the session began. Renaming a field that is already published is not a rename for the
 * database: the migration planner drops the old column and adds a new one.
 */
export class RenameTracker {
  /** Current name → name at the start of the session, for renamed fields only. */
  private readonly originals = new Map<string, string>();

  rename(from: string, to: string): void {
    const original = this.originalOf(from);
    this.originals.delete(from);
    if (to !== original) this.originals.set(to, original);
  }

  forget(name: string): void {
    this.originals.delete(name);
  }

  originalOf(name: string): string {
    return this.originals.get(name) ?? name;
  }
}
