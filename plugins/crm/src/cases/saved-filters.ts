import type { Actor, PluginContext } from '@kiban/sdk';
import { ROLE } from '../entities.ts';
import { crmError } from '../errors.ts';
import { caseListQuery } from './case-list.ts';

const MAX_NAME = 80;
const MAX_QUERY = 2000;
const MAX_PER_PERSON = 100;

export interface SavedFilter {
  id: string;
  name: string;
  /** The case list's query string without `?` (`status=received&overdue=true`). */
  query: string;
  /** Shared with everyone of this department, else kept to its owner. */
  sharedDepartment: string | null;
  /** Whether the reader owns it (only the owner renames or deletes). */
  mine: boolean;
  updatedAt: string;
}

interface Row {
  id: string;
  owner_id: string;
  name: string;
  query: string;
  shared_department: string | null;
  updated_at: Date | string;
}

type Staff = Extract<Actor, { kind: 'principal' }>;

/** Case staff and managers only: a saved filter is a case list query, and only they read the list. */
export function caseStaff(actor: Actor): Staff {
  if (actor.kind !== 'principal' || !(actor.roles.includes(ROLE.staff) || actor.roles.includes(ROLE.manager))) {
    throw crmError('forbidden', 403, 'この操作の権限がありません。', 'Only case staff keep case filters.');
  }
  return actor;
}

/** The reader's own filters and those shared with their department, by name. */
export async function savedFilters(ctx: PluginContext, actor: Actor): Promise<SavedFilter[]> {
  const staff = caseStaff(actor);
  const { rows } = await ctx.sql.query<Row>(
    `select id, owner_id, name, query, shared_department, updated_at from saved_filter
      where owner_id = $1 or ($2::text is not null and shared_department = $2)
      order by name, id limit 500`,
    [staff.id, staff.department ?? null],
  );
  return rows.map((row) => shown(row, staff));
}

export interface SavedFilterInput {
  name?: unknown;
  query?: unknown;
  shared?: unknown;
}

/**
 * Keeps the current list's filters under a name. The query is checked exactly as the list
 * checks it (an unknown filter is refused), so a saved filter always opens; sharing puts it in
 * the owner's department's list.
 */
export async function createSavedFilter(
  ctx: PluginContext,
  actor: Actor,
  input: SavedFilterInput,
): Promise<SavedFilter> {
  const staff = caseStaff(actor);
  const name = checkedName(input.name);
  const query = checkedQuery(input.query);
  const sharedDepartment = input.shared === undefined ? null : checkedShared(input.shared, staff);
  return ctx.transaction(staff, async () => {
    const { rows: counted } = await ctx.sql.query<{ n: number }>(
      'select count(*)::int as n from saved_filter where owner_id = $1',
      [staff.id],
    );
    if ((counted[0]?.n ?? 0) >= MAX_PER_PERSON) {
      throw crmError(
        'filters.tooMany',
        409,
        '保存できる数を超えています。',
        `At most ${MAX_PER_PERSON} saved filters each.`,
      );
    }
    const { rows } = await ctx.sql.query<Row>(
      `insert into saved_filter (owner_id, name, query, shared_department) values ($1, $2, $3, $4)
       on conflict (owner_id, name) do nothing
       returning id, owner_id, name, query, shared_department, updated_at`,
      [staff.id, name, query, sharedDepartment],
    );
    if (!rows[0]) throw nameTaken();
    await ctx.audit({
      actor: staff,
      action: 'crm.savedFilter.created',
      recordId: rows[0].id,
      details: { shared: !!sharedDepartment },
    });
    return shown(rows[0], staff);
  });
}

/** Renames (and re-shares) one of the reader's own filters; another's is not found. */
export async function updateSavedFilter(
  ctx: PluginContext,
  actor: Actor,
  id: string,
  input: SavedFilterInput,
): Promise<SavedFilter> {
  const staff = caseStaff(actor);
  const name = input.name === undefined ? undefined : checkedName(input.name);
  const sharedDepartment = input.shared === undefined ? undefined : checkedShared(input.shared, staff);
  return ctx.transaction(staff, async () => {
    const { rows: taken } = await ctx.sql.query(
      'select 1 from saved_filter where owner_id = $1 and name = $2 and id::text <> $3',
      [staff.id, name ?? null, id],
    );
    if (taken.length > 0) throw nameTaken();
    const { rows } = await ctx.sql.query<Row>(
      `update saved_filter set name = coalesce($3, name),
              shared_department = case when $4 then $5 else shared_department end, updated_at = now()
        where id::text = $1 and owner_id = $2
        returning id, owner_id, name, query, shared_department, updated_at`,
      [id, staff.id, name ?? null, sharedDepartment !== undefined, sharedDepartment ?? null],
    );
    if (!rows[0]) throw notFound();
    await ctx.audit({ actor: staff, action: 'crm.savedFilter.updated', recordId: id });
    return shown(rows[0], staff);
  });
}

export async function deleteSavedFilter(ctx: PluginContext, actor: Actor, id: string): Promise<void> {
  const staff = caseStaff(actor);
  await ctx.transaction(staff, async () => {
    const { rowCount } = await ctx.sql.query('delete from saved_filter where id::text = $1 and owner_id = $2', [
      id,
      staff.id,
    ]);
    if (rowCount === 0) throw notFound();
    await ctx.audit({ actor: staff, action: 'crm.savedFilter.deleted', recordId: id });
  });
}

function shown(row: Row, staff: Staff): SavedFilter {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    sharedDepartment: row.shared_department,
    mine: row.owner_id === staff.id,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function checkedName(value: unknown): string {
  const name = typeof value === 'string' ? value.trim() : '';
  if (name === '' || name.length > MAX_NAME) {
    throw invalid('name', `名前は 1〜${MAX_NAME} 文字です。`, `A name of 1 to ${MAX_NAME} characters.`);
  }
  return name;
}

function checkedQuery(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_QUERY) {
    throw invalid('query', '絞り込みの条件が正しくありません。', 'The filter is not a case list query.');
  }
  const params = new URLSearchParams(value.replace(/^\?/, ''));
  params.delete('offset');
  params.delete('case');
  // The list's own check: an unknown or malformed filter is refused here as it would be there.
  caseListQuery(Object.fromEntries(params));
  params.sort();
  return params.toString();
}

function checkedShared(value: unknown, staff: Staff): string | null {
  if (typeof value !== 'boolean') {
    throw invalid('shared', '共有するかどうかを指定してください。', 'shared is true or false.');
  }
  if (!value) return null;
  if (!staff.department) {
    throw invalid(
      'shared',
      '部署に所属していないため共有できません。',
      'Only staff of a department can share with it.',
    );
  }
  return staff.department;
}

function invalid(pointer: string, ja: string, en: string) {
  return crmError('filters.invalid', 422, ja, en, [
    { pointer: `/${pointer}`, code: 'crm.filters.invalid', message: { ja, en } },
  ]);
}

function nameTaken() {
  return crmError(
    'filters.nameTaken',
    409,
    'この名前の絞り込みはすでにあります。',
    'You already have a filter of that name.',
  );
}

function notFound() {
  return crmError('filters.notFound', 404, '保存した絞り込みが見つかりません。', 'No such saved filter of yours.');
}
