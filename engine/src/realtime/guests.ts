import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Socket } from 'socket.io';

/**
 * Guests — sockets without a session, such as an anonymous visitor's chat — may open a
 * connection and join a room only with the room's own credential, which a channel's
 * `authorizeGuest` checks. Without a captcha, each client address gets this many guest
 * connections and guest joins a minute together; more are refused as `realtime.rateLimited`.
 */
export const GUEST_ATTEMPTS_PER_MINUTE = 60;

/** Rooms one guest socket may be in at once: a visitor follows a conversation or two, not a hundred. */
export const MAX_ROOMS_PER_GUEST = 5;

export interface GuestLimiter {
  /** Counts one attempt from `address`; false when its minute's allowance is spent. */
  allow(address: string): Promise<boolean>;
}

export function createGuestLimiter(attemptsPerMinute = GUEST_ATTEMPTS_PER_MINUTE): GuestLimiter {
  const limiter = new RateLimiterMemory({ points: attemptsPerMinute, duration: 60 });
  return {
    async allow(address) {
      try {
        await limiter.consume(address);
        return true;
      } catch (refusal) {
        if (refusal instanceof RateLimiterRes) return false;
        throw refusal;
      }
    },
  };
}

/**
 * The client's address for the guest allowance: behind a trusted proxy the last
 * X-Forwarded-For entry (the one the proxy appended; the client wrote the others), else the
 * socket's peer — as the HTTP API reads it.
 */
export function guestAddress(socket: Socket, trustProxy: boolean): string {
  if (trustProxy) {
    const header = socket.handshake.headers['x-forwarded-for'];
    const last = (Array.isArray(header) ? header.join(',') : header)?.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return socket.handshake.address || 'unknown';
}
