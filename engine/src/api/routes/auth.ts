import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  authenticatePassword,
  createPrincipal,
  createSession,
  type Principal,
  recordAudit,
  revokeSession,
} from '../../access/index.ts';
import type { Sql } from '../../data/index.ts';
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
    await recordAudit(sql, { principal, action: 'login' });
    return c.json(await startSession(c, deps, sql, principal));
  });

  /** A resident creates their own account, with the roles the app grants to those who do (`selfSignUp`). */
  routes.post('/signup', async (c) => {
    const body = validateRequest<{ username: string; password: string; displayName?: string }>(
      'signup',
      await readJsonObject(c),
    );
    const roles = c.var.live.items
      .filter((item) => item.kind === 'role' && item.audience === 'resident' && item.selfSignUp)
      .map((item) => item.name);
    if (roles.length === 0) {
      throw httpError(403, 'auth.signUpClosed', {
        ja: 'このサイトでは利用者登録を受け付けていません。',
        en: 'This site does not take sign-ups.',
      });
    }
    const session = await c.var.live.transaction(async (_em, sql) => {
      const principal = await createPrincipal(sql, { kind: 'resident', ...body, roles });
      await recordAudit(sql, { principal, action: 'signup', detail: { roles } });
      return startSession(c, deps, sql, principal);
    });
    return c.json(session, 201);
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

/** Opens a session and hands its token to the browser in an HttpOnly cookie only. */
async function startSession(c: Context<ApiEnv>, deps: ApiDeps, sql: Sql, principal: Principal) {
  const ttlSeconds = deps.config.sessionTtlSeconds;
  const token = await createSession(sql, principal.id, { ttlSeconds });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: deps.config.secureCookies,
    path: '/',
    maxAge: ttlSeconds,
  });
  return { principal, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
}
