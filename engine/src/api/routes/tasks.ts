import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import type { Assignee } from '../../metadata/index.ts';
import { inbox, reassignTask, taskReader } from '../../workflow/index.ts';
import type { ApiEnv } from '../env.ts';
import { invalidQuery } from '../list-query.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/** The task inbox of workflow human tasks: `GET /api/tasks`, and `POST /api/tasks/:id/reassign`. */
export function taskRoutes() {
  const routes = new Hono<ApiEnv>();

  routes.get('/', async (c) => {
    const query = validateRequest<{ status?: 'open' | 'done'; limit?: string; offset?: string }>(
      'taskQuery',
      c.req.query(),
      '/query',
      invalidQuery,
    );
    const items = await inbox(c.var.live.sql(), taskReader(c.var.live, c.var.principal as Principal), {
      status: query.status ?? 'open',
      limit: Number(query.limit ?? 50),
      offset: Number(query.offset ?? 0),
    });
    return c.json({ items });
  });

  routes.post('/:id/reassign', async (c) => {
    const body = validateRequest<{ assignTo: Assignee; comment?: string }>('reassignTask', await readJsonObject(c));
    const principal = c.var.principal as Principal;
    const reader = taskReader(c.var.live, principal);
    const task = await c.var.live.transaction((_em, sql) =>
      reassignTask(sql, reader, c.req.param('id'), body.assignTo, body.comment),
    );
    return c.json(task);
  });

  return routes;
}
