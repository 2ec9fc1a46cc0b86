import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import { type ActionRunner, makeTransition, myWorkflowRecords, workflowStatus } from '../../workflow/index.ts';
import type { ApiEnv } from '../env.ts';
import { etag, parseIfMatch } from '../if-match.ts';
import { auditDenials } from '../middleware/audit-denials.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/**
 * `GET /api/workflows/:entity/:id`: the record's state, the transitions the caller may make
 * now, its history and tasks. `POST …/transitions/:name` makes one (If-Match optional).
 */
export function workflowRoutes(runAction: ActionRunner) {
  const routes = new Hono<ApiEnv>();
  // The path is /api/workflows/:entity/:id…
  routes.use(
    '*',
    auditDenials((path) => ({ entity: path[2], id: path[3] })),
  );

  routes.get('/mine', async (c) =>
    c.json({ items: await myWorkflowRecords(c.var.live, c.var.principal as Principal) }),
  );

  routes.get('/:entity/:id', async (c) => {
    const { entity, id } = c.req.param();
    const live = c.var.live;
    return c.json(await live.transaction((em) => workflowStatus(em, live, entity, id, c.var.principal as Principal)));
  });

  routes.post('/:entity/:id/transitions/:transition', async (c) => {
    const { entity, id, transition } = c.req.param();
    const expectedVersion = parseIfMatch(c.req.header('if-match'));
    const body = validateRequest<{ comment?: string }>('transition', await readJsonObject(c));
    const live = c.var.live;
    const principal = c.var.principal as Principal;
    const { outcome, status } = await live.transaction(async (em) => {
      const outcome = await makeTransition(
        em,
        live,
        { entity, id, transition, principal, comment: body.comment, expectedVersion },
        runAction,
      );
      return { outcome, status: await workflowStatus(em, live, entity, id, principal) };
    });
    live.reportChange(outcome.change);
    c.header('ETag', etag(outcome.record.version));
    return c.json(status);
  });

  return routes;
}
