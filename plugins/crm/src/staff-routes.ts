import type { Actor, Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { caseListQuery, listCases } from './cases/case-list.ts';
import { savedFilterRoutes } from './cases/saved-filter-routes.ts';
import type { Clock } from './clock.ts';
import { ROLE } from './entities.ts';
import { crmError } from './errors.ts';
import { OPEN_REASONS } from './residents/open-reasons.ts';
import { searchResidents } from './residents/search.ts';

/**
 * What the staff pages read, under `/api/plugins/crm`: `GET /cases?status=&channel=&department=&assignee=&overdue=true&offset=`
 * (the case list, under the caller's row policy), `GET /residents/search?q=` (by phone number
 * or kana name), `GET /open-reasons` (the reasons a 360 may be opened for) and `GET
 * /staff?department=&name=` (whom a case may be handed over to: the engine's staff directory,
 * by department and part of the name), and the named saved filters (`cases/saved-filter-routes.ts`).
 */
export function staffRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext, clock: Clock): void {
  app.get('/cases', async (c) => c.json(await listCases(ctx, c.get('actor'), caseListQuery(c.req.query()), clock())));
  savedFilterRoutes(app, ctx);
  app.get('/residents/search', async (c) =>
    c.json({ items: await searchResidents(ctx, c.get('actor'), c.req.query('q') ?? '') }),
  );
  app.get('/staff', async (c) => {
    requireCaseStaff(c.get('actor'));
    const department = c.req.query('department') || undefined;
    const name = c.req.query('name')?.trim() || undefined;
    if (department !== undefined && department.length > 100) throw tooLong('department', '部署名', 'department name');
    if (name !== undefined && name.length > 100) throw tooLong('name', '名前', 'name');
    return c.json({ items: await ctx.directory.staff({ department, name }) });
  });
  app.get('/open-reasons', (c) =>
    c.json({ items: Object.entries(OPEN_REASONS).map(([value, label]) => ({ value, label })) }),
  );
}

function requireCaseStaff(actor: Actor): void {
  if (actor.kind !== 'principal' || !(actor.roles.includes(ROLE.staff) || actor.roles.includes(ROLE.manager))) {
    throw crmError('forbidden', 403, 'この操作の権限がありません。', 'Only case staff list colleagues.');
  }
}

function tooLong(parameter: 'department' | 'name', ja: string, en: string) {
  const code = parameter === 'department' ? 'staff.badDepartment' : 'staff.badName';
  return crmError(code, 400, `${ja}が長すぎます。`, `The ${en} is too long.`, [
    { pointer: `/${parameter}`, code: `crm.${code}`, message: { ja: '100 文字まで', en: 'At most 100 characters' } },
  ]);
}
