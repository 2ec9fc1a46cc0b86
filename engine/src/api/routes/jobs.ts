import { Hono } from 'hono';
import { recordAudit } from '../../access/index.ts';
import { countJobs, type JobStatus, listJobs, retryDeadJob } from '../../jobs/index.ts';
import type { ApiEnv } from '../env.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError } from '../problem.ts';
import { invalidRequest } from '../request-body.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STATUSES: readonly JobStatus[] = ['pending', 'running', 'done', 'dead'];

/**
 * Background jobs, for principals with `platform.manage`: counts per status, the jobs of one
 * status (`dead` is the dead-letter list) and retrying a dead job. Payloads are never shown.
 */
export function jobRoutes(wake: () => void) {
  const routes = new Hono<ApiEnv>();
  routes.use('*', requireCapability('platform.manage'));

  routes.get('/', async (c) => {
    const { status, limit } = c.req.query();
    const details = [];
    if (status !== undefined && !STATUSES.includes(status as JobStatus)) {
      details.push({
        pointer: '/query/status',
        code: 'query.status',
        message: {
          ja: `status は ${STATUSES.join('、')} のいずれかです。`,
          en: `status is one of ${STATUSES.join(', ')}.`,
        },
      });
    }
    if (limit !== undefined && !/^(?:[1-9]\d{0,2}|1000)$/.test(limit)) {
      details.push({
        pointer: '/query/limit',
        code: 'query.limit',
        message: { ja: 'limit は 1〜1000 の整数です。', en: 'limit must be an integer from 1 to 1000.' },
      });
    }
    if (details.length > 0) throw invalidRequest(details);
    const sql = c.var.live.sql();
    const items = await listJobs(sql, {
      status: status as JobStatus | undefined,
      limit: limit === undefined ? 100 : Number(limit),
    });
    return c.json({ counts: await countJobs(sql), items });
  });

  routes.post('/:id/retry', async (c) => {
    const id = c.req.param('id');
    const retried = UUID.test(id)
      ? await c.var.live.transaction(async (_em, sql) => {
          const job = await retryDeadJob(sql, id);
          if (job)
            await recordAudit(sql, {
              principal: c.var.principal,
              action: 'job.retry',
              detail: { jobId: id, name: job.name },
            });
          return job;
        })
      : null;
    if (!retried) {
      throw httpError(404, 'job.notDead', {
        ja: '指定されたジョブは見つからないか、失敗リストにありません。',
        en: 'No job with that id is in the dead-letter list.',
      });
    }
    wake();
    return c.json(retried);
  });
  return routes;
}
