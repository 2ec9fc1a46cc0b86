import { parse } from 'hono/utils/cookie';
import type { Socket } from 'socket.io';
import { type Principal, resolveBearer, SESSION_COOKIE } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import { type GuestLimiter, guestAddress } from './guests.ts';
import { PROBLEMS, type RealtimeProblem } from './protocol.ts';

/** Who is on a socket: a principal, with the credential to ask again whether they still are, or a guest. */
export type SocketIdentity =
  | { kind: 'principal'; principal: Principal; token: string }
  | { kind: 'guest'; address: string };

export interface GuestPolicy {
  /** Whether any channel takes guests at all; without one a socket needs a session, as ever. */
  allowed: boolean;
  limiter: GuestLimiter;
  trustProxy: boolean;
}

/**
 * A socket carries the session cookie (browsers) or a token in its handshake's `auth.token`
 * (an API token or a session token, as a bearer token would). A socket without a valid one
 * (a visitor who never signed in, or whose session ended) that asks to be a guest
 * (`auth.guest: true`) is one, within the guest allowance, when some channel takes guests; it
 * gains nothing a signed-in socket has, and every room it joins needs its own credential. Any
 * other socket without a valid credential is refused. A refusal
 * reaches the client as `connect_error` with `data.code`, and the socket never connects.
 */
export async function authenticateSocket(
  socket: Socket,
  withSql: <T>(work: (sql: Sql) => Promise<T>) => Promise<T>,
  guests: GuestPolicy,
): Promise<SocketIdentity> {
  const token = credentialOf(socket);
  const principal = token === undefined ? null : await withSql((sql) => resolveBearer(sql, token));
  if (principal && token !== undefined) return { kind: 'principal', principal, token };
  if (!wantsGuest(socket) || !guests.allowed) throw refusal(PROBLEMS.unauthenticated);
  const address = guestAddress(socket, guests.trustProxy);
  if (!(await guests.limiter.allow(address))) throw refusal(PROBLEMS.rateLimited);
  return { kind: 'guest', address };
}

/** A guest has no session to end; a principal's session is asked again. */
export async function stillSignedIn(sql: Sql, identity: SocketIdentity): Promise<boolean> {
  if (identity.kind === 'guest') return true;
  const principal = await resolveBearer(sql, identity.token);
  return principal?.id === identity.principal.id;
}

function wantsGuest(socket: Socket): boolean {
  return (socket.handshake.auth as { guest?: unknown } | undefined)?.guest === true;
}

function credentialOf(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  const header = socket.handshake.headers.cookie;
  return header ? parse(header, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
}

function refusal(problem: RealtimeProblem): Error & { data: { code: string } } {
  return Object.assign(new Error(problem.message.en), { data: { code: problem.code } });
}
