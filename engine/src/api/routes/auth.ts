import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticatePassword, createSession, recordAudit, revokeSession } from '../../access/index.ts';
import type { ApiDeps, ApiEnv } from '../env.ts';
import { SESSION_COOKIE } from '../middleware/authenticate.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/** Sign-in with a local account; the session travels in an HttpOnly cookie only. */
export function authRoutes(deps: ApiDeps) {
  const routes = new Hono<ApiEnv>();

  routes.post('/login', async (c) => {
    const body = validateRequest<{ username: string; password: string }>('login', await readJsonObject(c));
    const sql = c.var.live.sql();
    const principal = await authenticatePassword(sql, body.username, body.password);
    if (!principal) {
      await recordAudit(sql, { principal: null, action: 'login.failed', detail: { username: body.username } });
      throw httpError(401, 'auth.invalidCredentials', {
        ja: 'ユーザー名またはパスワードが正しくありません。',
        en: 'The username or password is incorrect.',
      });
    }
    const ttlSeconds = deps.config.sessionTtlSeconds;
    const token = await createSession(sql, principal.id, { ttlSeconds });
    await recordAudit(sql, { principal, action: 'login' });
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: deps.config.secureCookies,
      path: '/',
      maxAge: ttlSeconds,
    });
    return c.json({ principal, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() });
  });

  routes.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) {
      await c.var.live.transaction(async (_em, sql) => {
        if (await revokeSession(sql, token)) await recordAudit(sql, { principal: c.var.principal, action: 'logout' });
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  routes.get('/me', (c) => {
    if (!c.var.principal)
      throw httpError(401, 'auth.required', { ja: 'サインインが必要です。', en: 'Sign-in is required.' });
    return c.json({ principal: c.var.principal });
  });

  return routes;
}
