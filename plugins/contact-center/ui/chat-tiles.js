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
 * selects a tile's). Each tile listens to its conversation's
 * room on the portal's connection (messages, the resident's typing) and, without one, is
 * brought up to date with every refresh of the console. Tiles are kept while the conversation
 * stays the operator's, so their transcripts are read once and then only what is new.
 */
export class ChatTiles {
  #host;
  #select;
  #tiles = new Map();

  constructor(host, select) {
    this.#host = host;
    this.#select = select;
    const t = consoleText(host);
    this.list = el('ul', { className: 'cc-tiles' });
    this.list.style.cssText =
      'display:grid;grid-template-columns:repeat(auto-fill,minmax(18rem,1fr));gap:1rem;padding:0;list-style:none';
    this.element = el('section', { ariaLabel: t.sideBySide }, [el('h3', { textContent: t.sideBySide }), this.list]);
  }

  /** The conversations in the order the console lists them. */
  get order() {
    return [...this.#tiles.keys()];
  }

  /** Brings the tiles in line with the operator's conversations and marks the selected one. */
  update(mine, selected) {
    for (const [id, tile] of this.#tiles) {
      if (mine.some((c) => c.id === id)) continue;
      tile.unsubscribe?.();
      clearTimeout(tile.typingTimer);
      tile.item.remove();
      this.#tiles.delete(id);
    }
    for (const conversation of mine) {
      const tile = this.#tiles.get(conversation.id) ?? this.#add(conversation);
      const isSelected = conversation.id === selected;
      tile.open.ariaPressed = String(isSelected);
      tile.open.textContent = isSelected ? consoleText(this.#host).opened : consoleText(this.#host).open;
      // The selected chat's whole transcript is open below: its tile keeps the heading and the
      // typing, and reads the transcript again once another chat is selected.
      if (isSelected && !tile.selected) this.#empty(tile);
      tile.selected = isSelected;
      tile.transcript.hidden = isSelected;
      if (!isSelected && (!this.#host.realtime || conversation.lastSeq > tile.lastSeq)) void this.#catchUp(tile);
    }
  }

  stop() {
    for (const tile of this.#tiles.values()) {
      tile.unsubscribe?.();
      clearTimeout(tile.typingTimer);
    }
  }

  #add(conversation) {
    const t = consoleText(this.#host);
    const headingId = `cc-tile-${conversation.id}`;
    const transcript = el('ol', { ariaLabel: t.chat(conversation.queue, conversation.language) });
    transcript.style.cssText = 'max-block-size:16rem;overflow:auto';
    transcript.tabIndex = 0;
    const typing = el('p', { hidden: true, textContent: t.residentTyping, role: 'status' });
    const open = el('button', { type: 'button' });
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
      selected: false,
    };
    if (this.#host.realtime) {
      tile.unsubscribe = this.#host.realtime.subscribe(CONVERSATION_CHANNEL, conversation.id, (message) => {
        if (message.event === 'typing' && message.payload?.side === 'resident')
          this.#showTyping(tile, message.payload.typing);
        if (message.event === 'message' && !tile.selected) void this.#catchUp(tile);
      });
    }
    this.#tiles.set(conversation.id, tile);
    return tile;
  }

  #empty(tile) {
    tile.transcript.replaceChildren();
    tile.messages = [];
    tile.lastSeq = 0;
  }

  #showTyping(tile, typing) {
    clearTimeout(tile.typingTimer);
    tile.typing.hidden = !typing;
    if (typing) tile.typingTimer = setTimeout(() => (tile.typing.hidden = true), TYPING_SHOWN_MS);
  }

  async #catchUp(tile) {
    const detail = await getJson(`${BASE}/conversations/${tile.id}?after=${tile.lastSeq}`).catch(() => null);
    if (!detail || tile.selected) return;
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
