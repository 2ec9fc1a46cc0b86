import { POLL_MS } from './common.js';

const CONVERSATION_CHANNEL = 'contact-center.conversation';

/**
 * How the resident chat hears of its conversation. With the portal's realtime connection it
 * listens on the conversation's room — messages, typing, read marks and who answers arrive as
 * they happen — and after every join (the first, and each one after a reconnect) it reads what
 * came after the last message number it holds, so a reconnect loses nothing, however far back
 * the engine's own replay reaches. Without one (an anonymous visitor: the realtime needs a
 * session; an element outside the portals), or when the room is refused, it polls that same read.
 */
export class ConversationFeed {
  #unsubscribe = null;
  #timer;

  /**
   * @param {{ realtime: object | null, conversationId: string, catchUp: () => unknown,
   *   onEvent: (event: string, payload: unknown) => void }} options
   */
  constructor(options) {
    this.options = options;
  }

  /** Whether events arrive as they happen (false: the feed polls). */
  get live() {
    return this.#unsubscribe !== null;
  }

  start() {
    const { realtime, conversationId, catchUp, onEvent } = this.options;
    if (!realtime) return this.#poll();
    this.#unsubscribe = realtime.subscribe(
      CONVERSATION_CHANNEL,
      conversationId,
      (message) => onEvent(message.event, message.payload),
      { onJoined: () => catchUp(), onRefused: () => this.#poll() },
    );
  }

  stop() {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    clearInterval(this.#timer);
  }

  #poll() {
    this.stop();
    this.options.catchUp();
    this.#timer = setInterval(() => this.options.catchUp(), POLL_MS);
  }
}
