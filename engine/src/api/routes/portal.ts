import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import type { PluginUiBundle } from '../../plugins/index.ts';
import { portalCatalog } from '../../portal/index.ts';
import type { ApiEnv } from '../env.ts';
import { invalidQuery } from '../list-query.ts';
import { validateRequest } from '../request-schemas.ts';

/** `GET /api/portal/app?portal=resident|staff`: what a portal shell draws for the signed-in principal. */
export function portalRoutes(pluginUi: readonly PluginUiBundle[]) {
  const routes = new Hono<ApiEnv>();
  routes.get('/app', (c) => {
    const query = validateRequest<{ portal: 'resident' | 'staff' }>(
      'portalQuery',
      c.req.query(),
      '/query',
      invalidQuery,
    );
    return c.json(portalCatalog(c.var.live, c.var.principal as Principal, query.portal, pluginUi));
  });
  return routes;
}
