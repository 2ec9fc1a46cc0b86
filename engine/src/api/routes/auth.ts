import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import {
  AccessError,
  authenticatePassword,
  checkPasswordPolicy,
  clearAttempts,
  countAttempt,
  createPrincipal,
  createSession,
  lockedFor,
  type Principal,
  recordAudit,
  revokeSession,
} from '../../access/index.ts';
import type { Sql } from '../../data/index.ts';
import { throttleKeys, tooManyAttempts } from '../auth-throttle.ts';
import { cameOverHttps } from '../client-origin.ts';
import type { ApiDeps, ApiEnv } from '../env.ts';
import { bearerToken, SESSION_COOKIE } from '../middleware/authenticate.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/** Sign-in with a local account; the session travels in an HttpOnly cookie only. */
export function authRoutes(deps: ApiDeps) {
  const routes = new Hono<ApiEnv>();
  const { trustProxy } = deps.config;

  /**
   * Failures count against the account and the client address in the database, so every
   * engine process sees them; past the limit both answer 429 with Retry-After, whether or
   * not the account exists, and the password is not even tried.
   */
  routes.post('/login', async (c) => {
    const body = validateRequest<{ username: string; password: string }>('login', await readJsonObject(c));
    const sql = c.var.live.sql();
    const keys = throttleKeys(c, trustProxy, 'login', body.username);
    const locked = await lockedFor(sql, keys);
    if (locked > 0) {
      await recordAudit(sql, { principal: null, action: 'login.throttled', detail: { username: body.username } });
      return tooManyAttempts(c, locked);
    }
    const principal = await authenticatePassword(sql, body.username, body.password);
    if (!principal) {
      await recordAudit(sql, { principal: null, action: 'login.failed', detail: { username: body.username } });
      const lockedNow = await countAttempt(sql, keys);
      if (lockedNow > 0) return tooManyAttempts(c, lockedNow);
      throw httpError(401, 'auth.invalidCredentials', {
        ja: 'ユーザー名またはパスワードが正しくありません。',
        en: 'The username or password is incorrect.',
      });
    }
    await clearAttempts(sql, keys.slice(0, 1));
    await recordAudit(sql, { principal, action: 'login' });
    return c.json(await startSession(c, deps, sql, principal));
  });

  /**
   * A resident creates their own account, with the roles the app grants to those who do
   * (`selfSignUp`). The answer is the same 202 whether the name was free or taken — and it
   * takes as long, the password being hashed either way — so sign-up never tells which names
   * exist; the new resident then signs in.
   */
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
    const sql = c.var.live.sql();
    const keys = throttleKeys(c, trustProxy, 'signup', body.username);
    const locked = (await lockedFor(sql, keys)) || (await countAttempt(sql, keys));
    if (locked > 0) return tooManyAttempts(c, locked);
    checkPasswordPolicy(body.password, body.username);
    try {
      await c.var.live.transaction(async (_em, tx) => {
        const principal = await createPrincipal(tx, { kind: 'resident', ...body, roles });
        await recordAudit(tx, { principal, action: 'signup', detail: { roles } });
      });
    } catch (error) {
      if (!(error instanceof AccessError && error.code === 'access.usernameTaken')) throw error;
      await recordAudit(sql, { principal: null, action: 'signup.nameTaken', detail: { username: body.username } });
    }
    return c.json({ status: 'accepted' }, 202);
  });

  /** Ends the session the request came with, whether as the cookie or as a bearer token. */
  routes.post('/logout', async (c) => {
    const tokens = [getCookie(c, SESSION_COOKIE), bearerToken(c.req.header('authorization'))].filter(
      (token): token is string => typeof token === 'string' && token !== '',
    );
    if (tokens.length > 0) {
      await c.var.live.transaction(async (_em, sql) => {
        let revoked = false;
        for (const token of tokens) revoked = (await revokeSession(sql, token)) || revoked;
        if (revoked) await recordAudit(sql, { principal: c.var.principal, action: 'logout' });
      });
    }
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookie(c, deps) });
    return c.body(null, 204);
  });

  routes.get('/me', (c) => {
    if (!c.var.principal)
      throw httpError(401, 'auth.required', { ja: 'サインインが必要です。', en: 'Sign-in is required.' });
    return c.json({ principal: c.var.principal });
  });

  return routes;
}

/** Secure whenever configured so or the browser came over HTTPS (directly or via a trusted proxy). */
function secureCookie(c: Context<ApiEnv>, deps: ApiDeps): boolean {
  return deps.config.secureCookies || cameOverHttps(c, deps.config.trustProxy);
}

/** Opens a session and hands its token to the browser in an HttpOnly cookie only. */
async function startSession(c: Context<ApiEnv>, deps: ApiDeps, sql: Sql, principal: Principal) {
  const ttlSeconds = deps.config.sessionTtlSeconds;
  const token = await createSession(sql, principal.id, { ttlSeconds });
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: secureCookie(c, deps),
    path: '/',
    maxAge: ttlSeconds,
  });
  return { principal, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString() };
}
