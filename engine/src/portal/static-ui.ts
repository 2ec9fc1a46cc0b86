import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Context, Hono } from 'hono';
import { compress } from 'hono/compress';
import type { ApiEnv } from '../api/index.ts';
import type { PluginUiBundle } from '../plugins/index.ts';

const COMMON_CSP =
  "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Scripts and styles only from this origin; Lit's styles are constructed, so no inline style is needed. */
const PORTAL_CSP = `default-src 'self'; script-src 'self'; style-src 'self'; ${COMMON_CSP}`;

/**
 * The designer's editor (monaco) injects its own styles and runs its language services in
 * workers; scripts still come only from this origin and nothing is evaluated.
 */
const DESIGNER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; " +
  `font-src 'self' data:; ${COMMON_CSP}`;

export interface UiDirectories {
  /** The built portals (`runtime-ui/dist`). */
  portals: string;
  /** The built designer (`designer/dist`). */
  designer: string;
  plugins: readonly PluginUiBundle[];
}

/**
 * Serves the browser apps: the portals' files under `/ui/*` (compressed; each plugin's browser
 * code under `/ui/plugins/<name>/*`), the designer's under `/designer/assets/*` with its page
 * for `/designer/*`, the staff portal's page for `/staff/*`, and the resident portal's for every
 * other path outside `/api` — their routers take it from there. An app that is not built
 * answers 503 with how to build it; the API works regardless.
 */
export function serveUi(app: Hono<ApiEnv>, dirs: UiDirectories): void {
  app.use('/ui/*', compress());
  for (const plugin of dirs.plugins) serveFiles(app, `/ui/plugins/${plugin.name}`, plugin.dir);
  serveFiles(app, '/ui', dirs.portals);
  app.use('/designer/assets/*', compress());
  serveFiles(app, '/designer/assets', dirs.designer);

  const designer = appPage(dirs.designer, 'designer.html', DESIGNER_CSP, 'npm run build -w designer');
  app.get('/designer', designer);
  app.get('/designer/*', designer);
  const staff = appPage(dirs.portals, 'staff.html', PORTAL_CSP, 'npm run build -w runtime-ui');
  app.get('/staff', staff);
  app.get('/staff/*', staff);
  const resident = appPage(dirs.portals, 'resident.html', PORTAL_CSP, 'npm run build -w runtime-ui');
  app.get('/*', async (c, next) => {
    const path = c.req.path;
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/ui/') || path === '/healthz') return next();
    return resident(c);
  });
}

/** Files of `root` under `prefix`; an app built after the engine started is served after a restart. */
function serveFiles(app: Hono<ApiEnv>, prefix: string, root: string): void {
  if (!existsSync(root)) return;
  app.use(
    `${prefix}/*`,
    serveStatic({
      root,
      rewriteRequestPath: (path) => path.slice(prefix.length),
      onFound: (_path, c) => {
        c.header('Cache-Control', 'no-cache');
      },
    }),
  );
}

function appPage(dir: string, file: string, csp: string, build: string) {
  return async (c: Context<ApiEnv>) => {
    const path = join(dir, file);
    if (!existsSync(path)) return c.text(`This app is not built yet: run \`${build}\`.`, 503);
    c.header('Content-Security-Policy', csp);
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(path, 'utf8'));
  };
}
