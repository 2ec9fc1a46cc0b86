/** A member of staff as a colleague picks them (a case handed over, a task assigned). */
export interface StaffMember {
  id: string;
  /** The name shown; the username when the principal has no display name. */
  name: string;
  department: string | null;
}

/**
 * The engine's staff principals as a picker needs them: enabled staff only, no contact data.
 * Every listing is recorded in the audit trail as the plugin's, with the department asked
 * for and how many were listed (staff names are personal data too).
 */
export interface DirectoryApi {
  /**
   * Enabled staff of `department` (all departments when absent) whose name contains `name`
   * (any case; everyone when absent), by name; at most `limit` (1–200, default 100).
   */
  staff(options?: { department?: string; name?: string; limit?: number }): Promise<StaffMember[]>;
  /**
   * The enabled staff with `role` and/or in `department` (every enabled member of staff when
   * neither is given) as one SQL `SELECT` of their ids (one column, `id`), to embed in
   * `INSERT … SELECT` as `ctx.segments.select` is — a message to everyone of a role in one
   * statement. Placeholders are numbered from `paramOffset` (1). Reads no names, so it is not
   * audited; the plugin's writes with it are its own.
   */
  staffSelect(options?: { role?: string; department?: string; paramOffset?: number }): Promise<{
    text: string;
    params: unknown[];
  }>;
  /** The department of an enabled staff principal; null for anyone else (a resident, a disabled or unknown id). */
  departmentOf(principalId: string): Promise<string | null>;
  /** Whether the id is an enabled staff principal: whom a case or a task may be handed to. */
  isStaff(principalId: string): Promise<boolean>;
}
