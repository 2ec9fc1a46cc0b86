import { io, type Socket } from 'socket.io-client';

const CONNECT_BATCH = 50;

/** One websocket with `cookie`, joined to each conversation room in `rooms`; resolves once every join is answered. */
export function openSocket(origin: string, cookie: string, rooms: readonly string[]): Promise<Socket> {
  return new Promise<Socket>((resolve, reject) => {
    const socket = io(origin, {
      path: '/realtime',
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: { cookie },
    });
    let joined = 0;
    socket.on('kiban:joined', () => {
      joined += 1;
      if (joined === rooms.length) resolve(socket);
    });
    socket.once('kiban:error', (error: { code: string }) => reject(new Error(error.code)));
    socket.once('connect_error', reject);
    socket.once('connect', () => {
      if (rooms.length === 0) resolve(socket);
      for (const room of rooms) socket.emit('kiban:join', { channel: 'contact-center.conversation', room });
    });
  });
}

/** `openSocket` for each of `owners`, CONNECT_BATCH at a time (a burst of handshakes is no part of any measurement). */
export async function openSockets<T>(
  origin: string,
  owners: readonly T[],
  of: (owner: T) => { cookie: string; rooms: readonly string[] },
): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let done = 0; done < owners.length; done += CONNECT_BATCH) {
    const batch = owners.slice(done, done + CONNECT_BATCH).map((owner) => {
      const { cookie, rooms } = of(owner);
      return openSocket(origin, cookie, rooms);
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}
