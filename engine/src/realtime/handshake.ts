import { parse } from 'hono/utils/cookie';
import type { Socket } from 'socket.io';
import { type Principal, resolveBearer, SESSION_COOKIE } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import { PROBLEMS } from './protocol.ts';

/** Who is on a socket, and the credential to ask again whether they still are. */
export interface SocketIdentity {
  principal: Principal;
  token: string;
}

/**
 * A socket carries the session cookie (browsers) or a token in its handshake's `auth.token`
 * (an API token or a session token, as a bearer token would). A refusal reaches the client as
 * `connect_error` with `data.code`, and the socket never connects.
 */
export async function authenticateSocket(
  socket: Socket,
  withSql: <T>(work: (sql: Sql) => Promise<T>) => Promise<T>,
): Promise<SocketIdentity> {
  const token = credentialOf(socket);
  const principal = token === undefined ? null : await withSql((sql) => resolveBearer(sql, token));
  if (!principal || token === undefined) throw refusal();
  return { principal, token };
}

export async function stillSignedIn(sql: Sql, identity: SocketIdentity): Promise<boolean> {
  const principal = await resolveBearer(sql, identity.token);
  return principal?.id === identity.principal.id;
}

function credentialOf(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string') return auth.token;
  const header = socket.handshake.headers.cookie;
  return header ? parse(header, SESSION_COOKIE)[SESSION_COOKIE] : undefined;
}

function refusal(): Error & { data: { code: string } } {
  return Object.assign(new Error(PROBLEMS.unauthenticated.message.en), {
    data: { code: PROBLEMS.unauthenticated.code },
  });
}
