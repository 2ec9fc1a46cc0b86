import { createHash } from 'node:crypto';
import { type PluginContext, PluginError } from '@kiban/sdk';
import * as oidc from 'openid-client';
import { countFailure, type GuardKey, refuseWhileLocked } from '../methods/guard.ts';
import type { IdentitySettings } from '../settings.ts';
import { requireConfigured } from '../settings.ts';
import { findUpstream, type UpstreamSettings } from './upstream-settings.ts';

export const UPSTREAM_PATH = '/api/public/identity/upstream';
const FLOW_SECONDS = 600;

/** Discovered upstream configurations, by issuer, client and secret (settings may change). */
const discovered = new Map<string, Promise<oidc.Configuration>>();

/**
 * The first leg: a fresh state, nonce and PKCE verifier kept server-side for ten minutes, and
 * the upstream's authorization URL to send the browser to. A locked client address starts none.
 */
export async function startUpstreamSignIn(
  ctx: PluginContext,
  address: GuardKey,
  upstreamId: string,
  returnTo: string,
  linkTo?: string,
): Promise<URL> {
  await refuseWhileLocked(ctx, [address]);
  const settings = requireConfigured(await ctx.settings<IdentitySettings>());
  const upstream = findUpstream(settings.upstreams, upstreamId);
  if (linkTo !== undefined && upstream.principalKind !== 'resident') throw linkRefused('identity.linkResidentsOnly');
  const config = await configurationOf(upstream, settings);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const verifier = oidc.randomPKCECodeVerifier();
  await ctx.sql.query(
    `insert into upstream_flow (state, upstream_id, code_verifier, nonce, return_to, expires_at, link_principal_id)
     values ($1, $2, $3, $4, $5, now() + make_interval(secs => $6), $7)`,
    [state, upstream.id, verifier, nonce, safeReturn(returnTo), FLOW_SECONDS, linkTo ?? null],
  );
  return oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(settings.publicOrigin, upstream.id),
    scope: upstream.scopes.join(' '),
    state,
    nonce,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    // Linking needs a fresh sign-in with the new method too, not the upstream's standing session.
    ...(linkTo !== undefined ? { prompt: 'login', max_age: String(FLOW_SECONDS) } : {}),
  });
}

/**
 * The second leg: the state is used up (a replay finds nothing), the code is exchanged with the
 * verifier and the ID token checked (issuer, audience, nonce, signature), then the upstream
 * subject is linked to a principal — created at the first sign-in — whose session records the
 * method and the upstream's assurance. Behind the lockout like every sign-in: an unknown state
 * or a refused exchange counts against the client address, and a locked address gets nothing
 * checked. A success does not clear the address: anyone with an account at a social upstream
 * could otherwise wipe the count between guesses at others' passwords.
 */
export async function finishUpstreamSignIn(
  ctx: PluginContext,
  address: GuardKey,
  upstreamId: string,
  search: string,
): Promise<{ cookieName: string; token: string; returnTo: string; maxAgeSeconds: number; secure: boolean }> {
  await refuseWhileLocked(ctx, [address]);
  const settings = requireConfigured(await ctx.settings<IdentitySettings>());
  const upstream = findUpstream(settings.upstreams, upstreamId);
  // The URL the upstream redirected to, as registered: the public one, whatever proxy is in between.
  const currentUrl = new URL(`${callbackUrl(settings.publicOrigin, upstream.id)}${search}`);
  const state = currentUrl.searchParams.get('state') ?? '';
  const { rows } = await ctx.sql.query<{
    code_verifier: string;
    nonce: string;
    return_to: string;
    link_principal_id: string | null;
  }>(
    `delete from upstream_flow where state = $1 and upstream_id = $2 and expires_at > now()
     returning code_verifier, nonce, return_to, link_principal_id`,
    [state, upstream.id],
  );
  const flow = rows[0];
  if (!flow) {
    await countFailure(ctx, [address]);
    throw signInFailed('identity.upstreamStateUnknown');
  }
  const config = await configurationOf(upstream, settings);
  let claims: oidc.IDToken;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: flow.code_verifier,
      expectedState: state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
      // A link asked for a fresh sign-in; the ID token's auth_time must show one.
      ...(flow.link_principal_id ? { maxAge: FLOW_SECONDS } : {}),
    });
    claims = tokens.claims() as oidc.IDToken;
  } catch (error) {
    ctx.logger.warn('upstream sign-in refused', { upstream: upstream.id, reason: (error as Error).message });
    await countFailure(ctx, [address]);
    throw signInFailed('identity.upstreamRefused');
  }
  const principalId = flow.link_principal_id
    ? await linkToPrincipal(ctx, upstream, claims, flow.link_principal_id)
    : await linkedPrincipal(ctx, upstream, claims);
  const maxAgeSeconds = (settings.sessionHours ?? 8) * 3600;
  const session = await ctx.identity.startSession(
    principalId,
    { method: upstream.id, assurance: upstream.assurance },
    { ttlSeconds: maxAgeSeconds },
  );
  return { ...session, returnTo: flow.return_to, maxAgeSeconds, secure: settings.publicOrigin.startsWith('https:') };
}

async function linkedPrincipal(ctx: PluginContext, upstream: UpstreamSettings, claims: oidc.IDToken): Promise<string> {
  const staff = upstream.principalKind === 'staff' ? staffAssignment(upstream, claims) : {};
  const { rows } = await ctx.sql.query<{ principal_id: string }>(
    'select principal_id from upstream_link where upstream_id = $1 and subject = $2',
    [upstream.id, claims.sub],
  );
  const username = `${upstream.id}:${createHash('sha256').update(claims.sub).digest('hex').slice(0, 32)}`;
  const displayName = typeof claims.name === 'string' ? claims.name.slice(0, 100) : undefined;
  const { id } = await ctx.identity.ensurePrincipal({ kind: upstream.principalKind, username, displayName, ...staff });
  if (!rows[0]) {
    await ctx.sql.query(
      `insert into upstream_link (upstream_id, subject, principal_id) values ($1, $2, $3)
       on conflict (upstream_id, subject) do nothing`,
      [upstream.id, claims.sub, id],
    );
  }
  return rows[0]?.principal_id ?? id;
}

/**
 * Links the upstream subject to the resident who started the flow signed in (both sign-ins are
 * fresh: their session, and this upstream's just now). A subject linked to someone else stays theirs.
 */
async function linkToPrincipal(
  ctx: PluginContext,
  upstream: UpstreamSettings,
  claims: oidc.IDToken,
  principalId: string,
): Promise<string> {
  const { rows } = await ctx.sql.query<{ principal_id: string }>(
    `insert into upstream_link (upstream_id, subject, principal_id) values ($1, $2, $3)
     on conflict (upstream_id, subject) do update set principal_id = upstream_link.principal_id
     returning principal_id`,
    [upstream.id, claims.sub, principalId],
  );
  if (rows[0]?.principal_id !== principalId) throw linkRefused('identity.methodLinkedElsewhere');
  await ctx.audit({
    actor: { kind: 'principal', id: principalId, principalKind: 'resident', roles: [] },
    action: 'identity.method.linked',
    recordId: principalId,
    details: { method: upstream.id },
  });
  return principalId;
}

function linkRefused(code: string): PluginError {
  return new PluginError(code, 409, {
    ja: 'このサインイン方法はこのアカウントに追加できません（住民の方の方法だけ、また別のアカウントで使われていないものだけ追加できます）。',
    en: 'This sign-in method cannot be added to this account (only residents’ methods not used by another account).',
  });
}

/** Roles and department from the directory's groups: exactly those the groups map to, at every sign-in. */
function staffAssignment(upstream: UpstreamSettings, claims: oidc.IDToken): { roles: string[]; department?: string } {
  const raw = claims[upstream.groupsClaim ?? 'groups'];
  const groups = Array.isArray(raw) ? raw.filter((group): group is string => typeof group === 'string') : [];
  const roles = [...new Set(groups.flatMap((group) => upstream.groupRoles?.[group] ?? []))];
  const department = groups.map((group) => upstream.groupDepartments?.[group]).find((each) => each !== undefined);
  return department === undefined ? { roles } : { roles, department };
}

function configurationOf(upstream: UpstreamSettings, settings: IdentitySettings): Promise<oidc.Configuration> {
  const secret = settings.upstreamSecrets?.[upstream.id];
  const key = `${upstream.issuer}\u0000${upstream.clientId}\u0000${secret ?? ''}`;
  let config = discovered.get(key);
  if (!config) {
    const issuer = new URL(upstream.issuer);
    // Plain HTTP only for a provider on this machine (the sandbox upstream in development).
    const loopback = issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
    config = oidc
      .discovery(
        issuer,
        upstream.clientId,
        secret,
        undefined,
        loopback ? { execute: [oidc.allowInsecureRequests] } : {},
      )
      .catch((error) => {
        discovered.delete(key);
        throw error;
      });
    discovered.set(key, config);
  }
  return config;
}

function callbackUrl(publicOrigin: string, upstreamId: string): string {
  return `${publicOrigin}${UPSTREAM_PATH}/${upstreamId}/callback`;
}

/** Only a path on this site: an open redirect would hand a fresh session's browser to anyone. */
function safeReturn(returnTo: string): string {
  return returnTo.startsWith('/') && !returnTo.startsWith('//') && !returnTo.includes('\\') ? returnTo : '/';
}

function signInFailed(code: string): PluginError {
  return new PluginError(code, 400, {
    ja: 'サインインを完了できませんでした。もう一度最初からお試しください。',
    en: 'The sign-in could not be completed; start again.',
  });
}
