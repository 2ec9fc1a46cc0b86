/** What the benchmark process and its client processes tell each other over IPC. */
export type Side = 'socket.io' | 'ws';

export type ToClients =
  | { type: 'connect'; side: Side; url: string; count: number; cookie: string; channel: string; room: string }
  | { type: 'close' };

export type FromClients =
  | { type: 'ready'; side: Side }
  | { type: 'received'; side: Side; seq: number; latencies: number[] }
  | { type: 'failed'; message: string };

/** The payload of every measured message: which one, and when the server side sent it. */
export interface Probe {
  seq: number;
  sentAt: number;
  /** Padding, so the message is the size of a small notice. */
  text: string;
}
