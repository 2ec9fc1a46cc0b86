import type { Actor, Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { caseListQuery, listCases } from './cases/case-list.ts';
import type { Clock } from './clock.ts';
import { ROLE } from './entities.ts';
import { crmError } from './errors.ts';
import { OPEN_REASONS } from './residents/open-reasons.ts';
import { searchResidents } from './residents/search.ts';

/**
 * What the staff pages read, under `/api/plugins/crm`: `GET /cases?status=&channel=&department=&assignee=&overdue=true&offset=`
 * (the case list, under the caller's row policy), `GET /residents/search?q=` (by phone number
 * or kana name), `GET /open-reasons` (the reasons a 360 may be opened for) and `GET
 * /staff?department=` (whom a case may be handed over to: the engine's staff directory).
 */
export function staffRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext, clock: Clock): void {
  app.get('/cases', async (c) => c.json(await listCases(ctx, c.get('actor'), caseListQuery(c.req.query()), clock())));
  app.get('/residents/search', async (c) =>
    c.json({ items: await searchResidents(ctx, c.get('actor'), c.req.query('q') ?? '') }),
  );
  app.get('/staff', async (c) => {
    requireCaseStaff(c.get('actor'));
    const department = c.req.query('department') || undefined;
    if (department !== undefined && department.length > 100) {
      throw crmError('staff.badDepartment', 400, '部署名が長すぎます。', 'The department name is too long.', [
        {
          pointer: '/department',
          code: 'crm.staff.badDepartment',
          message: { ja: '100 文字まで', en: 'At most 100 characters' },
        },
      ]);
    }
    return c.json({ items: await ctx.directory.staff({ department }) });
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
