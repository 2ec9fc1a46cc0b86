import type { DirectoryApi } from '@kiban/sdk';
import { type Principal, recordAudit } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { inPluginTransaction } from './transaction-context.ts';

export interface DirectoryApiDeps {
  plugin: string;
  live(): LiveApp;
  committed(): void;
  systemPrincipal(): Principal;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 200;

/**
 * `ctx.directory`: enabled staff by department and part of the name, names only, for pickers.
 * Each listing is audited as the plugin's (`<plugin>.directory.staff`) with the department, the
 * name searched for and the count. A
 * staff member's department alone (what their own requests may see) is organisational, not
 * personal data, and is not audited.
 */
export function createDirectoryApi(deps: DirectoryApiDeps): DirectoryApi {
  return {
    staff: (options = {}) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const limit = options.limit ?? DEFAULT_LIMIT;
        if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw badLimit();
        const department = options.department ?? null;
        const name = options.name?.trim() || null;
        const sql = sqlOf(em);
        // strpos rather than LIKE: a typed % or _ is part of the name, not a wildcard.
        const rows = await sql.query<{ id: string; name: string; department: string | null }>(
          `select id::text as id, coalesce(nullif(display_name, ''), username) as name, department
             from kiban_principal
            where kind = 'staff' and not disabled and (?::text is null or department = ?)
              and (?::text is null or strpos(lower(coalesce(nullif(display_name, ''), username)), lower(?)) > 0)
            order by name, id limit ?`,
          [department, department, name, name, limit],
        );
        await recordAudit(sql, {
          principal: deps.systemPrincipal(),
          action: `${deps.plugin}.directory.staff`,
          detail: { plugin: deps.plugin, department, ...(name === null ? {} : { name }), listed: rows.length },
        });
        return rows;
      }),
    staffSelect: async (options = {}) => {
      const first = options.paramOffset ?? 1;
      if (!Number.isInteger(first) || first < 1) throw badOffset();
      const conditions = [`p.kind = 'staff'`, 'not p.disabled'];
      const params: unknown[] = [];
      if (options.role !== undefined) {
        params.push(String(options.role));
        conditions.push(`$${first + params.length - 1}::text = any(p.roles)`);
      }
      if (options.department !== undefined) {
        params.push(String(options.department));
        conditions.push(`p.department = $${first + params.length - 1}::text`);
      }
      return { text: `select p.id from kiban_principal p where ${conditions.join(' and ')}`, params };
    },
    departmentOf: (principalId) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const [row] = await sqlOf(em).query<{ department: string | null }>(
          `select department from kiban_principal
            where id::text = ? and kind = 'staff' and not disabled`,
          [principalId],
        );
        return row?.department ?? null;
      }),
    isStaff: (principalId) =>
      inPluginTransaction(deps.live, deps.committed, async ({ em }) => {
        const rows = await sqlOf(em).query(
          `select 1 from kiban_principal where id::text = ? and kind = 'staff' and not disabled`,
          [principalId],
        );
        return rows.length > 0;
      }),
  };
}

function badOffset(): KibanError {
  const message = { ja: 'paramOffset は 1 以上の整数です。', en: 'paramOffset must be a whole number from 1.' };
  return new KibanError('query.invalid', 400, message, [{ pointer: '/paramOffset', code: 'query.invalid', message }]);
}

function badLimit(): KibanError {
  const message = {
    ja: `limit は 1〜${MAX_LIMIT} の整数で指定してください。`,
    en: `limit must be a whole number from 1 to ${MAX_LIMIT}.`,
  };
  return new KibanError('query.invalid', 400, message, [{ pointer: '/limit', code: 'query.invalid', message }]);
}
