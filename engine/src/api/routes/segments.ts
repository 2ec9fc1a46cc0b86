import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import { previewSegment } from '../../rules/index.ts';
import type { ApiEnv } from '../env.ts';

/** `POST /api/segments/:name/preview`: how many records a published rule selects, among those the caller may read. */
export function segmentRoutes() {
  const routes = new Hono<ApiEnv>();
  routes.post('/:name/preview', async (c) =>
    c.json(await previewSegment({ live: c.var.live, principal: c.var.principal as Principal }, c.req.param('name'))),
  );
  return routes;
}
