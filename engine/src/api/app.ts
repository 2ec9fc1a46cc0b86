import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { Principal } from '../access/index.ts';
import { fromPluginError } from '../plugins/index.ts';
import { serveUi } from '../portal/index.ts';
import { NO_PLUGIN_ACTIONS } from '../workflow/index.ts';
import type { ApiDeps, ApiEnv } from './env.ts';
import { authenticate, requirePrincipal } from './middleware/authenticate.ts';
import { refuseCrossSite } from './middleware/cross-site.ts';
import { callerDocument } from './openapi.ts';
import { asKibanError, httpError, negotiateLang, problemResponse } from './problem.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { fileRoutes, signedFileRoutes } from './routes/files.ts';
import { jobRoutes } from './routes/jobs.ts';
import { metadataRoutes } from './routes/metadata.ts';
import { packageRoutes } from './routes/packages.ts';
import { portalRoutes } from './routes/portal.ts';
import { principalRoutes } from './routes/principals.ts';
import { profileRoutes } from './routes/profile.ts';
import { recordRoutes } from './routes/records.ts';
import { reportScheduleRoutes } from './routes/report-schedules.ts';
import { reportRoutes } from './routes/reports.ts';
import { segmentRoutes } from './routes/segments.ts';
import { settingsRoutes } from './routes/settings.ts';
import { taskRoutes } from './routes/tasks.ts';
import { workflowRoutes } from './routes/workflows.ts';

const FILE_UPLOAD = /^\/api\/data\/[^/]+\/[^/]+\/files\/[^/]+$/;

/** The engine's HTTP surface. Every route under /api except sign-in needs a principal. */
export function createApiApp(deps: ApiDeps): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();

  app.use('*', async (c, next) => {
    c.set('lang', negotiateLang(c.req.header('accept-language')));
    const live = deps.live();
    c.set('live', live);
    const release = live.enter();
    try {
      await next();
    } finally {
      release();
    }
  });
  app.use('*', secureHeaders());
  const tooLarge = (c: Context<ApiEnv>) =>
    problemResponse(
      c,
      httpError(413, 'request.tooLarge', {
        ja: `リクエスト本文が大きすぎます（上限 ${deps.config.bodyLimitBytes} バイト）。`,
        en: `The request body is too large (limit ${deps.config.bodyLimitBytes} bytes).`,
      }),
    );
  const limitBody = bodyLimit({ maxSize: deps.config.bodyLimitBytes, onError: tooLarge });
  app.use('/api/*', async (c, next) => {
    const { method } = c.req;
    // A file upload is streamed to disk and limited by its field's own maxSize instead.
    if (method === 'GET' || method === 'HEAD' || (method === 'POST' && FILE_UPLOAD.test(c.req.path))) return next();
    // A declared length is checked as declared (the HTTP parser never reads past it), leaving the
    // body unread for the route: a Node handler such as the identity provider reads the socket's
    // own stream. Only a chunked body is read here, to count it.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined)
      return Number(declared) > deps.config.bodyLimitBytes ? tooLarge(c) : next();
    return limitBody(c, next);
  });

  // API answers carry personal data and session state; no browser or proxy cache may keep them.
  app.use('/api/*', async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  });

  app.get('/healthz', (c) => c.json({ status: 'ok', generation: c.var.live.generation }));

  app.use('/api/*', refuseCrossSite);
  app.use('/api/*', authenticate);
  app.route('/api/auth', authRoutes(deps));
  if (deps.files) app.route('/api/files', signedFileRoutes(deps.files));
  deps.publicRoutes?.(app, { trustProxy: deps.config.trustProxy, secureCookies: deps.config.secureCookies });
  app.use('/api/*', requirePrincipal);
  app.get('/api/openapi.json', (c) =>
    c.json(callerDocument(c.var.live, c.var.principal as Principal, deps.pluginActions)),
  );
  if (deps.files) app.route('/api/data', fileRoutes(deps.files));
  app.route('/api/data', recordRoutes(deps.delegation));
  app.route('/api/metadata', metadataRoutes(deps));
  app.route('/api/admin/principals', principalRoutes());
  app.route('/api/audit', auditRoutes());
  app.route('/api/segments', segmentRoutes());
  app.route('/api/reports', reportRoutes(deps.settings));
  app.route('/api/report-schedules', reportScheduleRoutes(deps.config.timeZone));
  app.route('/api/workflows', workflowRoutes(deps.runAction ?? NO_PLUGIN_ACTIONS));
  app.route('/api/tasks', taskRoutes());
  app.route('/api/portal', portalRoutes(deps.pluginUi ?? []));
  app.route('/api/profile', profileRoutes());
  if (deps.packages) app.route('/api/admin/packages', packageRoutes(deps.packages));
  app.route(
    '/api/admin/jobs',
    jobRoutes(() => deps.wakeJobs?.()),
  );
  if (deps.settings) app.route('/api/admin/settings', settingsRoutes(deps.settings));
  deps.pluginRoutes?.(app);
  if (deps.ui) serveUi(app, deps.ui);

  app.notFound((c) =>
    problemResponse(c, httpError(404, 'route.notFound', { ja: 'ページが見つかりません。', en: 'Not found.' })),
  );
  app.onError((error, c) => {
    const problem = asKibanError(fromPluginError(error));
    // Only the message and stack: driver errors can carry row values in other properties.
    if (problem.status >= 500)
      console.error(`[kiban] ${c.req.method} ${c.req.path}: ${(error as Error).stack ?? error}`);
    return problemResponse(c, problem);
  });
  return app;
}
