import type { IncomingMessage } from 'node:http';
import type { PluginContext } from '@kiban/sdk';
import Provider, { type Configuration, interactionPolicy, type KoaContextWithOIDC } from 'oidc-provider';
import { pulledClaims } from '../attributes/claims.ts';
import type { DerivedKeys } from '../secrets.ts';
import { sqlAdapter } from './adapter.ts';
import { ATTRIBUTE_NAMES, profileClaims, scopeClaims } from './attributes.ts';
import type { SigningKeys } from './keys.ts';
import { endKibanSessionOnLogout, rpInitiatedLogout } from './logout.ts';
import { subjectMemo } from './subject-memo.ts';

const PUBLIC_BASE = '/api/public/identity';
export const ISSUER_PATH = `${PUBLIC_BASE}/oidc`;
export const INTERACTION_PATH = `${PUBLIC_BASE}/interaction`;

/** Who is signed in to Kiban on the request the provider is handling (set by the bridge). */
const kibanPrincipals = new WeakMap<IncomingMessage, string | null>();

export function markSignedIn(request: IncomingMessage, principalId: string | null): void {
  kibanPrincipals.set(request, principalId);
}

export interface ProviderInputs {
  issuer: string;
  keys: SigningKeys;
  derived: DerivedKeys;
  ctx: PluginContext;
  /** The grant of a resident's standing consent to a service, so that another browser is not asked again. */
  consentedGrant(principalId: string, clientId: string): Promise<string | undefined>;
}

/**
 * The OpenID Provider: authorization code with PKCE (S256) only, refresh tokens for
 * `offline_access`, pairwise subjects for every service, introspection and revocation of a
 * service's own tokens, RP-initiated logout. Sign-in is the resident's Kiban session: the
 * provider asks for a login whenever its own session names someone else than Kiban's.
 */
export function buildProvider(inputs: ProviderInputs): Provider {
  const { ctx, derived } = inputs;
  const subjectOf = subjectMemo(derived.pairwise);
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(
    new interactionPolicy.Check('kiban_session', 'the person signed in to Kiban changed', (oidc) => {
      const signedIn = kibanPrincipals.get(oidc.req);
      return signedIn && oidc.oidc.session?.accountId === signedIn
        ? interactionPolicy.Check.NO_NEED_TO_PROMPT
        : interactionPolicy.Check.REQUEST_PROMPT;
    }),
  );

  const configuration: Configuration = {
    adapter: sqlAdapter(ctx.sql),
    jwks: { keys: inputs.keys.keys as never },
    cookies: { keys: derived.cookies },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', ...ATTRIBUTE_NAMES],
    claims: scopeClaims(),
    subjectTypes: ['pairwise'],
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      subject_type: 'pairwise',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    pairwiseIdentifier: async (_ctx, accountId, client) =>
      subjectOf(String(client.sectorIdentifier ?? client.clientId), accountId),
    features: {
      devInteractions: { enabled: false },
      introspection: {
        enabled: true,
        // A service learns about its own tokens only, never another service's.
        allowedPolicy: async (_ctx, client, token) => token.clientId === client.clientId,
      },
      revocation: { enabled: true },
      rpInitiatedLogout,
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `${INTERACTION_PATH}/${interaction.uid}`,
    },
    loadExistingGrant: async (oidcCtx: KoaContextWithOIDC) => {
      const { provider, client, session, result } = oidcCtx.oidc;
      if (!client) return undefined;
      const grantId =
        result?.consent?.grantId ??
        session?.grantIdFor(client.clientId) ??
        (session?.accountId ? await inputs.consentedGrant(session.accountId, client.clientId) : undefined);
      return grantId ? provider.Grant.find(grantId) : undefined;
    },
    findAccount: async (_ctx, accountId, token) => ({
      accountId,
      claims: async (_use, scope) => {
        const profile = await ctx.identity.profile(accountId, {
          action: 'oidc.claimsReleased',
          details: { client: token?.clientId },
        });
        return {
          ...profileClaims(accountId, profile ?? emptyProfile()),
          ...(await pulledClaims(ctx, accountId, scope.split(' '))),
        };
      },
    }),
    ttl: {
      AccessToken: 10 * 60,
      AuthorizationCode: 60,
      IdToken: 60 * 60,
      Interaction: 10 * 60,
      Session: 24 * 60 * 60,
      // A consent stands until the resident revokes it.
      Grant: 365 * 24 * 60 * 60,
      RefreshToken: 14 * 24 * 60 * 60,
    },
    issueRefreshToken: async (_ctx, client, code) =>
      client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    renderError: async (koa, out) => {
      koa.type = 'application/problem+json';
      // The engine's problem document (RFC 9457), with the protocol's error code inside ours.
      koa.body = {
        type: `urn:kiban:problem:identity.oidc.${out.error}`,
        title: `identity.oidc.${out.error}`,
        status: koa.status,
        detail: out.error_description ?? out.error,
        code: `identity.oidc.${out.error}`,
        errors: [],
      };
    },
  };
  const provider = new Provider(inputs.issuer, configuration);
  endKibanSessionOnLogout(provider);
  return provider;
}

function emptyProfile() {
  return { displayName: null, displayNameKana: null, email: null, phone: null, postalCode: null, address: null };
}
