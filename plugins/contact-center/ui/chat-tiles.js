import { appendNewMessages, BASE, el, getJson } from './common.js';
import { consoleText } from './console-texts.js';
import { messageLine } from './message-line.js';
import { text } from './texts.js';

const CONVERSATION_CHANNEL = 'contact-center.conversation';
/** A typing indicator whose "stopped" never came goes away after this. */
const TYPING_SHOWN_MS = 10_000;

/**
 * The operator's chats side by side: one tile per conversation they hold, each with its live
 * transcript and the resident's typing, so several conversations are read at once beside the
 * selected one, whose transcript is open below with the reply box and the other tools ("open"
 * selects a tile's; the selected chat's typing shows under its transcript). Each tile listens to its conversation's
 * room on the portal's connection (messages, the resident's typing) and, without one, is
 * brought up to date with every refresh of the console. Tiles are kept while the conversation
 * stays the operator's, so their transcripts are read once and then only what is new.
 */
export class ChatTiles {
  #host;
  #select;
  #tiles = new Map();
  #order = [];
  /** The selected chat's room, listened to for the resident's typing only (its transcript is the console's). */
  #watched = { id: null, unsubscribe: null, timer: 0 };

  constructor(host, select) {
    this.#host = host;
    this.#select = select;
    const t = consoleText(host);
    this.list = el('ul', { className: 'cc-tiles' });
    this.list.style.cssText =
      'display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;padding:0;list-style:none';
    this.element = el('section', { ariaLabel: t.sideBySide }, [el('h3', { textContent: t.sideBySide }), this.list]);
    /** Shown under the selected chat's transcript while its resident types. */
    this.selectedTyping = el('p', { hidden: true, textContent: t.residentTyping, role: 'status' });
  }

  /** The operator's conversations in the order the console lists them. */
  get order() {
    return this.#order;
  }

  /** Brings the tiles in line with the operator's conversations and marks the selected one. */
  update(mine, selected) {
    this.#order = mine.map((c) => c.id);
    // The selected chat's whole transcript is open below, so it has no tile; it gets one again,
    // read afresh, once another chat is selected.
    for (const [id, tile] of this.#tiles) {
      if (id !== selected && mine.some((c) => c.id === id)) continue;
      this.#drop(tile);
      this.#tiles.delete(id);
    }
    for (const conversation of mine) {
      if (conversation.id === selected) continue;
      const tile = this.#tiles.get(conversation.id) ?? this.#add(conversation);
      if (!this.#host.realtime || conversation.lastSeq > tile.lastSeq) void this.#catchUp(tile);
    }
    this.#watch(selected);
  }

  /** The chat just selected opens below at once: its tile goes now, not at the next refresh. */
  select(id) {
    const tile = this.#tiles.get(id);
    if (tile) {
      this.#drop(tile);
      this.#tiles.delete(id);
    }
    this.#watch(id);
  }

  stop() {
    for (const tile of this.#tiles.values()) this.#drop(tile);
    this.#watch(null);
  }

  #drop(tile) {
    tile.unsubscribe?.();
    clearTimeout(tile.typingTimer);
    tile.item.remove();
    tile.dropped = true;
  }

  #watch(selected) {
    const watched = this.#watched;
    if (watched.id === selected) return;
    watched.unsubscribe?.();
    clearTimeout(watched.timer);
    this.selectedTyping.hidden = true;
    watched.id = selected;
    watched.unsubscribe =
      selected && this.#host.realtime
        ? this.#host.realtime.subscribe(CONVERSATION_CHANNEL, selected, (message) => {
            const typing = message.event === 'typing' && message.payload?.side === 'resident' && message.payload.typing;
            if (message.event !== 'typing' && message.event !== 'message') return;
            clearTimeout(watched.timer);
            this.selectedTyping.hidden = !typing;
            if (typing) watched.timer = setTimeout(() => (this.selectedTyping.hidden = true), TYPING_SHOWN_MS);
          })
        : null;
  }

  #add(conversation) {
    const t = consoleText(this.#host);
    const headingId = `cc-tile-${conversation.id}`;
    const transcript = el('ol', { ariaLabel: t.chat(conversation.queue, conversation.language) });
    transcript.style.cssText = 'max-block-size:16rem;overflow:auto';
    transcript.tabIndex = 0;
    const typing = el('p', { hidden: true, textContent: t.residentTyping, role: 'status' });
    const open = el('button', { type: 'button', textContent: t.open });
    open.addEventListener('click', () => this.#select(conversation.id));
    const item = el('li', {}, [
      el('section', {}, [
        el('h4', { id: headingId, textContent: t.chat(conversation.queue, conversation.language) }),
        transcript,
        typing,
        open,
      ]),
    ]);
    item.firstChild.setAttribute('aria-labelledby', headingId);
    this.list.append(item);
    const tile = {
      id: conversation.id,
      item,
      transcript,
      typing,
      open,
      messages: [],
      lastSeq: 0,
      typingTimer: 0,
      dropped: false,
    };
    if (this.#host.realtime) {
      tile.unsubscribe = this.#host.realtime.subscribe(CONVERSATION_CHANNEL, conversation.id, (message) => {
        if (message.event === 'typing' && message.payload?.side === 'resident')
          this.#showTyping(tile, message.payload.typing);
        if (message.event === 'message') void this.#catchUp(tile);
      });
    }
    this.#tiles.set(conversation.id, tile);
    return tile;
  }

  #showTyping(tile, typing) {
    clearTimeout(tile.typingTimer);
    tile.typing.hidden = !typing;
    if (typing) tile.typingTimer = setTimeout(() => (tile.typing.hidden = true), TYPING_SHOWN_MS);
  }

  async #catchUp(tile) {
    const detail = await getJson(`${BASE}/conversations/${tile.id}?after=${tile.lastSeq}`).catch(() => null);
    if (!detail || tile.dropped) return;
    const t = text(this.#host);
    tile.messages = appendNewMessages(tile.transcript, tile.messages, detail.messages, (m) =>
      messageLine(m, t, { side: 'staff' }),
    );
    tile.lastSeq = tile.messages.at(-1)?.seq ?? tile.lastSeq;
    // A resident who sent their message has stopped typing.
    if (detail.messages.some((m) => m.author.kind === 'resident')) this.#showTyping(tile, false);
    tile.transcript.scrollTop = tile.transcript.scrollHeight;
  }
}
