import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import type { ApiEnv } from '../api/index.ts';
import type { PluginUiBundle } from '../plugins/index.ts';

/** Scripts and styles only from this origin; Lit's styles are constructed, so no inline style is needed. */
const PORTAL_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * Serves the built portals: files of `dir` under `/ui/*` (compressed; each plugin's browser code
 * under `/ui/plugins/<name>/*`), `/staff` and everything
 * below it as the staff portal's page, and every other path outside `/api` as the resident
 * portal's — their routers take it from there. Without a build the portals answer 503 with
 * how to make one, and the API works regardless.
 */
export function serveUi(app: Hono<ApiEnv>, dir: string, plugins: readonly PluginUiBundle[]): void {
  app.use('/ui/*', compress());
  for (const plugin of plugins) {
    const prefix = `/ui/plugins/${plugin.name}`;
    app.use(`${prefix}/*`, serveStatic({ root: plugin.dir, rewriteRequestPath: (path) => path.slice(prefix.length) }));
  }
  app.use(
    '/ui/*',
    serveStatic({
      root: dir,
      rewriteRequestPath: (path) => path.slice('/ui'.length),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
  const page = (file: string) => async (c: Context<ApiEnv>) => {
    const path = join(dir, file);
    if (!existsSync(path)) {
      return c.text('The portal is not built yet: run `npm run build -w runtime-ui`.', 503);
    }
    c.header('Content-Security-Policy', PORTAL_CSP);
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(path, 'utf8'));
  };
  app.get('/staff', page('staff.html'));
  app.get('/staff/*', page('staff.html'));
  app.get('/*', async (c, next) => {
    const path = c.req.path;
    if (path.startsWith('/api/') || path === '/api' || path.startsWith('/ui/') || path === '/healthz') return next();
    return page('resident.html')(c);
  });
}
