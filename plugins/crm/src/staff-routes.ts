import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { caseListQuery, listCases } from './cases/case-list.ts';
import type { Clock } from './clock.ts';
import { OPEN_REASONS } from './residents/open-reasons.ts';
import { searchResidents } from './residents/search.ts';

/**
 * What the staff pages read, under `/api/plugins/crm`: `GET /cases?status=&channel=&department=&assignee=&overdue=true&offset=`
 * (the case list, under the caller's row policy), `GET /residents/search?q=` (by phone number
 * or kana name) and `GET /open-reasons` (the reasons a 360 may be opened for).
 */
export function staffRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext, clock: Clock): void {
  app.get('/cases', async (c) => c.json(await listCases(ctx, c.get('actor'), caseListQuery(c.req.query()), clock())));
  app.get('/residents/search', async (c) =>
    c.json({ items: await searchResidents(ctx, c.get('actor'), c.req.query('q') ?? '') }),
  );
  app.get('/open-reasons', (c) =>
    c.json({ items: Object.entries(OPEN_REASONS).map(([value, label]) => ({ value, label })) }),
  );
}
