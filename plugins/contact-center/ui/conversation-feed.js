import { POLL_MS } from './common.js';

const CONVERSATION_CHANNEL = 'contact-center.conversation';
/** How long to wait for the room to be joined before reading by polling meanwhile. */
const JOIN_WAIT_MS = 5000;

/**
 * How the resident chat hears of its conversation. With the portal's realtime connection it
 * listens on the conversation's room — messages, typing, read marks and who answers arrive as
 * they happen — and after every join (the first, and each one after a reconnect) it reads what
 * came after the last message number it holds, so a reconnect loses nothing, however far back
 * the engine's own replay reaches. An anonymous visitor joins with the conversation's token as
 * the room's credential (the engine rate-limits such sessionless sockets per address). Without a
 * connection (the portal build is not served), or when the room is refused, it polls that same read.
 */
export class ConversationFeed {
  #unsubscribe = null;
  #timer;
  #waiting;

  /**
   * @param {{ realtime: object | null, credential: string | null, conversationId: string,
   *   catchUp: () => unknown, onEvent: (event: string, payload: unknown) => void }} options
   */
  constructor(options) {
    this.options = options;
  }

  /** Whether events arrive as they happen (false: the feed polls). */
  get live() {
    return this.#unsubscribe !== null;
  }

  start() {
    const { realtime, credential, conversationId, catchUp, onEvent } = this.options;
    if (!realtime) return this.#poll();
    const joined = () => {
      clearTimeout(this.#waiting);
      clearInterval(this.#timer);
      catchUp();
    };
    this.#unsubscribe = realtime.subscribe(
      CONVERSATION_CHANNEL,
      conversationId,
      (message) => onEvent(message.event, message.payload),
      { onJoined: joined, onRefused: () => this.#poll(), ...(credential ? { credential } : {}) },
    );
    // A connection that does not come (refused at the handshake, websockets blocked): poll until it does.
    this.#waiting = setTimeout(() => this.#pollEvery(), JOIN_WAIT_MS);
  }

  stop() {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearTimeout(this.#waiting);
    clearInterval(this.#timer);
  }

  #poll() {
    this.stop();
    this.options.catchUp();
    this.#pollEvery();
  }

  #pollEvery() {
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.options.catchUp(), POLL_MS);
  }
}
