import type { SignIn } from './common.ts';

/** A principal's own profile, as the person keeps it in the portal (`GET /api/profile`). */
export interface PrincipalProfile {
  displayName: string | null;
  displayNameKana: string | null;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  address: string | null;
}

/**
 * The engine's principals as an identity plugin (an OpenID Provider, say) needs them. Every
 * read is recorded in the audit trail as the plugin's, with `purpose`: a profile is personal data.
 */
export interface IdentityApi {
  /**
   * The profile of an enabled principal, for a release the person consented to (an OpenID
   * Provider answering a service's userinfo request); null when there is no such principal.
   */
  profile(
    principalId: string,
    purpose: { action: string; details?: Record<string, unknown> },
  ): Promise<PrincipalProfile | null>;
  /**
   * Whether the person allowed their profile and records to be reused for them (the portal
   * profile's `consentToReuse`, which forms honour before prefilling); false without a profile.
   * Reads no personal data, so it is not audited.
   */
  consentsToReuse(principalId: string): Promise<boolean>;
  /** The id of the enabled resident with this username (compared as sign-in compares it); null otherwise. */
  residentIdByUsername(username: string): Promise<string | null>;
  /**
   * The principal with this username, created (enabled, without a password) when there is none.
   * With `roles`/`department` an existing principal's roles and department are set to them (a
   * staff directory's groups, mapped at each sign-in). Audited as the plugin's.
   */
  ensurePrincipal(input: {
    kind: 'resident' | 'staff';
    username: string;
    displayName?: string;
    roles?: string[];
    department?: string;
  }): Promise<{ id: string; created: boolean }>;
  /**
   * Opens a Kiban session for an enabled principal, recording how they signed in (audited as a
   * `login`). Answers the token for the session cookie `cookieName` (HttpOnly, SameSite=Lax,
   * path /), which the plugin sets on its response; the engine keeps only its digest.
   */
  startSession(
    principalId: string,
    signIn: SignIn,
    options: { ttlSeconds: number },
  ): Promise<{ cookieName: string; token: string }>;
}
