import { type Context, Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import type { RecordScope } from '../../records/index.ts';
import {
  createReportSchedule,
  findColleagues,
  findSchedule,
  listDeliveries,
  listSchedules,
  type NewReportSchedule,
  pauseReportSchedule,
  type ReportSchedule,
  removeReportSchedule,
} from '../../reports/schedules/index.ts';
import type { ApiEnv } from '../env.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Scheduled email delivery of reports, for principals with `reports.schedule`. A schedule
 * belongs to who made it and runs with their authority; each sees and manages their own,
 * and `platform.manage` sees and manages everyone's. `GET /:id/deliveries` is its run history;
 * `GET /colleagues?q=` finds staff a schedule can also be sent to.
 */
export function reportScheduleRoutes(timeZone: string) {
  const routes = new Hono<ApiEnv>();
  routes.use('*', requireCapability('reports.schedule'));
  routes.post('/', async (c) => {
    const body = validateRequest<Partial<NewReportSchedule> & Pick<NewReportSchedule, 'report' | 'format' | 'cadence'>>(
      'reportSchedule',
      await readJsonObject(c),
    );
    const input: NewReportSchedule = {
      report: body.report,
      parameters: body.parameters ?? {},
      format: body.format,
      language: body.language ?? c.var.lang,
      recipients: { staff: body.recipients?.staff ?? [], addresses: body.recipients?.addresses ?? [] },
      cadence: body.cadence,
    };
    return c.json(await createReportSchedule(scopeOf(c), input, timeZone), 201);
  });
  routes.get('/', async (c) => {
    const report = c.req.query('report');
    const owner = seesEveryone(c) && c.req.query('all') === 'true' ? null : scopeOf(c).principal.id;
    return c.json({ items: await listSchedules(c.var.live.sql(), owner, report) });
  });
  routes.get('/colleagues', async (c) => {
    const { q } = validateRequest<{ q: string }>('colleagueQuery', { q: c.req.query('q') ?? '' });
    const scope = scopeOf(c);
    return c.json({ items: await findColleagues(c.var.live.sql(), scope.principal, q.trim()) });
  });
  routes.get('/:id', async (c) => c.json(await ownSchedule(c)));
  routes.delete('/:id', async (c) => {
    await removeReportSchedule(scopeOf(c), await ownSchedule(c));
    return c.body(null, 204);
  });
  routes.post('/:id/pause', async (c) =>
    c.json(await pauseReportSchedule(scopeOf(c), await ownSchedule(c), true, timeZone)),
  );
  routes.post('/:id/resume', async (c) =>
    c.json(await pauseReportSchedule(scopeOf(c), await ownSchedule(c), false, timeZone)),
  );
  routes.get('/:id/deliveries', async (c) => {
    const schedule = await ownSchedule(c);
    return c.json({ items: await listDeliveries(c.var.live.sql(), schedule.id) });
  });
  return routes;
}

function scopeOf(c: Context<ApiEnv>): RecordScope {
  return { live: c.var.live, principal: c.var.principal as Principal };
}

function seesEveryone(c: Context<ApiEnv>): boolean {
  return c.var.live.policy.hasCapability(c.var.principal as Principal, 'platform.manage');
}

/** The caller's schedule (anyone's for `platform.manage`); 404 otherwise, so that ids of others' do not leak. */
async function ownSchedule(c: Context<ApiEnv>): Promise<ReportSchedule> {
  const id = c.req.param('id') ?? '';
  const schedule = UUID.test(id) ? await findSchedule(c.var.live.sql(), id) : null;
  if (!schedule || (schedule.ownerId !== c.var.principal?.id && !seesEveryone(c))) {
    throw httpError(404, 'reportSchedule.notFound', {
      ja: '指定された配信予約はありません。',
      en: 'There is no such report schedule.',
    });
  }
  return schedule;
}
