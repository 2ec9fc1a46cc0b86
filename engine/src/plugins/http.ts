import type { PluginHttpEnv } from '@kiban/sdk';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Principal } from '../access/index.ts';
import type { ApiEnv } from '../api/index.ts';
import { actionHandler, type RegisteredAction } from './actions.ts';
import { actorOf } from './actors.ts';
import type { PluginRuntime } from './context.ts';
import { pluginFailed } from './plugin-errors.ts';

/**
 * Mounts what plugins add to the HTTP API, behind the same authentication as the rest of
 * `/api`: each plugin's routes under `/api/plugins/<name>` (with the signed-in principal as
 * the `actor` variable) and every action under `POST /api/actions/<plugin>.<action>`.
 */
export function mountPluginHttp(
  app: Hono<ApiEnv>,
  runtimes: readonly PluginRuntime[],
  actions: ReadonlyMap<string, RegisteredAction>,
): void {
  app.use('/api/plugins/*', async (c, next) => {
    (c as unknown as Context<PluginHttpEnv>).set('actor', actorOf(c.var.principal as Principal));
    await next();
  });
  for (const { definition, context } of runtimes) {
    if (!definition.routes) continue;
    const routes = new Hono<PluginHttpEnv>();
    try {
      definition.routes(routes, context);
    } catch (error) {
      throw pluginFailed(definition.name, 'routes', error);
    }
    app.route(`/api/plugins/${definition.name}`, routes as unknown as Hono<ApiEnv>);
  }
  app.post('/api/actions/:name', actionHandler(actions));
}
