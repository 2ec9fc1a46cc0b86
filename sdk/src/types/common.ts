/** JSON Schema (draft 2020-12) as plain JSON. */
export type JsonSchema = Record<string, unknown>;

export interface LocalizedText {
  ja: string;
  en?: string;
}

/** Who an operation runs as. `system` is the plugin itself, with every permission, audited as the plugin. */
export type Actor =
  | {
      kind: 'principal';
      id: string;
      principalKind: 'staff' | 'resident' | 'system';
      roles: string[];
      /** A staff member's department (課) as the directory holds it at this request; absent for others. */
      department?: string;
      /** How the session of this request was opened; absent for API tokens and calls not over HTTP. */
      signIn?: SessionSignIn;
    }
  | { kind: 'system' };

/**
 * How sure Kiban is of who signed in, lowest first: `low` (a password, a social account),
 * `substantial` (a second factor, a passkey), `jpki` (公的個人認証: the My Number Card through
 * the national app, or gBizID for a business).
 */
export type AssuranceLevel = 'low' | 'substantial' | 'jpki';

/** The method a session was opened with (`password`, an upstream provider's id…) and its assurance. */
export interface SignIn {
  method: string;
  assurance: AssuranceLevel;
}

/** A session's sign-in: how, and when it was opened (ISO 8601, UTC) — a "fresh sign-in" is a recent one. */
export interface SessionSignIn extends SignIn {
  at: string;
}

/** What `endSignedInSession(c)` did: whether a live session ended, and the header that expires its cookie. */
export interface EndedSession {
  ended: boolean;
  /** A `Set-Cookie` header value removing the session cookie, for a route writing its own response. */
  expiredCookie: string;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
