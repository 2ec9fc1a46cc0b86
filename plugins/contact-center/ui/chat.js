import { callbackForm } from './callback-form.js';
import {
  act,
  appendNewMessages,
  BASE,
  el,
  getJson,
  newClientId,
  PUBLIC_BASE,
  postJson,
  standaloneRealtime,
  typingNotifier,
} from './common.js';
import { ConversationFeed } from './conversation-feed.js';
import { messageLine } from './message-line.js';
import { text } from './texts.js';

let instances = 0;
/** The portal's languages a conversation may have (`ja-x-easy` is stored as `ja-easy`). */
const CONVERSATION_LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy'];
/** The catch-up read answers at most this many messages; a full page means there are more. */
const CATCH_UP_PAGE = 200;
/** A typing indicator whose "stopped" never came (the other side left) goes away after this. */
const TYPING_SHOWN_MS = 10_000;

/**
 * The resident chat for any portal page. A signed-in resident chats through the actions (and
 * may share their profile on handoff); anyone else through the public routes with the
 * conversation's token, kept for this tab only. Both hear of the conversation on the portal's
 * realtime connection — or, outside the portals, the same connection loaded on its own — where
 * the visitor's token opens its room to a socket without a session, and poll only without one
 * (see `ConversationFeed`). Messages are shown by their number,
 * once each and without gaps. The status line always says who answers (AI, FAQ, operator by
 * name, department); the transcript is a live region; the other side's typing and read marks
 * are shown, and the resident's own are sent.
 */
export class ContactCenterChat extends HTMLElement {
  language = 'ja';
  /** The portal's shared connection (`PortalRealtime`), when the element runs in a portal. */
  realtime = null;
  #id = `contact-center-chat-${++instances}`;
  #conversation = null;
  #token = null;
  #messages = [];
  #feed = null;
  #catchingUp = null;
  #catchUpAgain = false;
  #markedRead = 0;
  #typingShown;
  /** The last message sent without an acknowledgement, with the client id it went with. */
  #unacknowledged = null;
  /** Who answers now, as last shown. */
  #answering = null;
  #typing = typingNotifier((typing) => this.#notify('typing', { typing }));
  #regions = {};

  connectedCallback() {
    this.#build();
  }

  disconnectedCallback() {
    this.#feed?.stop();
    clearTimeout(this.#typingShown);
  }

  get #headers() {
    return this.#token ? { 'x-conversation-token': this.#token } : {};
  }

  #build() {
    const t = text(this);
    const start = el('button', { type: 'button', textContent: t.start });
    start.addEventListener('click', () => this.#start());
    const input = el('textarea', { id: `${this.#id}-message`, name: 'body', required: true, maxLength: 4000, rows: 2 });
    const form = el('form', { hidden: true }, [
      el('label', { htmlFor: input.id, textContent: t.message }),
      input,
      el('button', { type: 'submit', textContent: t.send }),
    ]);
    input.addEventListener('input', () => this.#typing.typed());
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      this.#typing.stopped();
      if (await this.#send(input.value)) input.value = '';
    });
    const share = el('input', { type: 'checkbox', id: `${this.#id}-share` });
    const person = el('button', { type: 'button', textContent: t.person });
    person.addEventListener('click', () => this.#askForPerson(share.checked));
    const end = el('button', { type: 'button', textContent: t.end });
    end.addEventListener('click', () => this.#end());
    const controls = el('p', { hidden: true }, [
      share,
      el('label', { htmlFor: share.id, textContent: t.shareProfile }),
      person,
      end,
    ]);
    const callback = callbackForm(
      this,
      `${this.#id}-callback`,
      () => this.#token !== null,
      (body) => {
        const id = this.#conversation.id;
        return this.#token
          ? postJson(`${PUBLIC_BASE}/conversations/${id}/callback`, body, this.#headers)
          : act('requestCallback', { conversationId: id, ...body }, this.language);
      },
    );
    this.#regions = {
      start,
      form,
      controls,
      callback,
      share,
      status: el('p', { role: 'status' }),
      log: el('ol', { ariaLive: 'polite', ariaLabel: t.chatTitle }),
      typing: el('p', { hidden: true, textContent: t.typing }),
    };
    this.replaceChildren(
      el('h2', { textContent: t.chatTitle }),
      this.#regions.status,
      this.#regions.log,
      this.#regions.typing,
      start,
      form,
      controls,
      callback,
    );
  }

  async #start() {
    // The conversation speaks the page's language: staff replies are translated into it.
    const language = CONVERSATION_LANGUAGES.includes(this.language) ? this.language : 'ja';
    const signedIn = await act('start', { language }, this.language);
    if (signedIn.ok) this.#conversation = signedIn.body;
    else {
      const anonymous = await postJson(`${PUBLIC_BASE}/conversations`, { language });
      if (!anonymous.ok) return this.#fail();
      this.#conversation = anonymous.body.conversation;
      this.#token = anonymous.body.token;
      this.#regions.share.disabled = true;
    }
    this.#regions.start.hidden = true;
    this.#showStatus(this.#conversation.answeredBy);
    this.#feed = new ConversationFeed({
      realtime: this.realtime ?? (await standaloneRealtime()),
      // An anonymous visitor's socket is a guest's: it joins the room with the conversation's token.
      credential: this.#token,
      conversationId: this.#conversation.id,
      catchUp: () => this.#catchUp(),
      onEvent: (event, payload) => this.#on(event, payload),
    });
    this.#feed.start();
  }

  /**
   * Sends one message; true once the engine acknowledged it. When the answer does not come (the
   * connection dropped mid-send, a refusal), the text stays in the box, and sending the same
   * text again reuses its client id: a message that was stored after all is answered as it is,
   * never stored twice.
   */
  async #send(body) {
    if (this.#unacknowledged?.body !== body) this.#unacknowledged = { body, clientId: newClientId() };
    const { clientId } = this.#unacknowledged;
    const id = this.#conversation.id;
    const answer = await (this.#token
      ? postJson(`${PUBLIC_BASE}/conversations/${id}/messages`, { clientId, body }, this.#headers)
      : act('send', { conversationId: id, clientId, body }, this.language)
    ).catch(() => ({ ok: false, body: {} }));
    if (!answer.ok) {
      this.#fail(answer.body.detail);
      return false;
    }
    this.#unacknowledged = null;
    // A failure notice gives way to who answers again.
    this.#showStatus(this.#answering);
    this.#receive(answer.body.message);
    // Polling: tier 1 answers at once, so read it now rather than at the next tick.
    if (!this.#feed.live) await this.#catchUp();
    return true;
  }

  async #askForPerson(shareProfile) {
    const id = this.#conversation.id;
    const answer = this.#token
      ? await postJson(`${PUBLIC_BASE}/conversations/${id}/person`, {}, this.#headers)
      : await act('requestPerson', { conversationId: id, shareProfile }, this.language);
    if (!answer.ok) return this.#fail(answer.body.detail);
    if (!this.#feed.live) await this.#catchUp();
  }

  async #end() {
    const id = this.#conversation.id;
    if (this.#token) await postJson(`${PUBLIC_BASE}/conversations/${id}/close`, {}, this.#headers);
    else await act('close', { conversationId: id }, this.language);
    await this.#catchUp();
    this.#feed.stop();
  }

  #fail(detail) {
    this.#regions.status.textContent = detail ?? text(this).failed;
  }

  /** A typing notice or read mark from the resident's side, through the action or the public route. */
  #notify(kind, body) {
    const id = this.#conversation.id;
    if (!this.#token) return act(kind, { conversationId: id, ...body }, this.language);
    const route = kind === 'typing' ? 'typing' : 'read';
    return postJson(`${PUBLIC_BASE}/conversations/${id}/${route}`, body, this.#headers);
  }

  #on(event, payload) {
    if (event === 'message') this.#receive(payload);
    else if (event === 'answeredBy' && this.#showStatus(payload)) this.#catchUp().then(() => this.#feed.stop());
    else if (event === 'typing' && payload.side === 'staff') this.#showTyping(payload.typing);
    else if (event === 'read' && payload.side === 'staff') this.#showRead(payload.seq);
  }

  /** The next message is shown at once; any other number means one was missed: catch up. */
  #receive(message) {
    const last = this.#messages.at(-1)?.seq ?? 0;
    if (message.seq <= last) return;
    if (message.seq !== last + 1) return this.#catchUp();
    this.#show([message]);
  }

  #show(messages) {
    const t = text(this);
    this.#messages = appendNewMessages(this.#regions.log, this.#messages, messages, (m) =>
      messageLine(m, t, { side: 'resident' }),
    );
    if (messages.some((m) => m.author.kind !== 'resident')) this.#showTyping(false);
    const last = this.#messages.at(-1)?.seq ?? 0;
    if (last > this.#markedRead && this.#messages.at(-1)?.author.kind !== 'resident') {
      this.#markedRead = last;
      Promise.resolve(this.#notify('markRead', { seq: last })).catch(() => {});
    }
  }

  /** Reads what came after the last number shown; one read at a time, run again if asked meanwhile. */
  #catchUp() {
    if (this.#catchingUp) {
      this.#catchUpAgain = true;
      return this.#catchingUp;
    }
    this.#catchingUp = (async () => {
      do {
        this.#catchUpAgain = false;
        await this.#readAfterLast();
      } while (this.#catchUpAgain);
    })().finally(() => {
      this.#catchingUp = null;
    });
    return this.#catchingUp;
  }

  async #readAfterLast() {
    const base = this.#token ? PUBLIC_BASE : BASE;
    for (;;) {
      const after = this.#messages.at(-1)?.seq ?? 0;
      const detail = await getJson(
        `${base}/conversations/${this.#conversation.id}?after=${after}`,
        this.#headers,
      ).catch(() => null);
      if (!detail) return;
      this.#show(detail.messages);
      if (this.#showStatus(detail.conversation.answeredBy)) this.#feed?.stop();
      if (detail.messages.length < CATCH_UP_PAGE) return;
    }
  }

  #showTyping(typing) {
    clearTimeout(this.#typingShown);
    this.#regions.typing.hidden = !typing;
    if (typing) this.#typingShown = setTimeout(() => this.#showTyping(false), TYPING_SHOWN_MS);
  }

  /** Staff have read up to `seq`: the resident's lines up to it are marked read. */
  #showRead(seq) {
    const t = text(this);
    for (const item of this.#regions.log.children) {
      if (item.dataset.author !== 'resident' || Number(item.dataset.seq) > seq || item.querySelector('.cc-read'))
        continue;
      item.append(el('small', { className: 'cc-read', textContent: ` (${t.read})` }));
    }
  }

  /** Says who answers now; true when the conversation has ended. */
  #showStatus(who) {
    this.#answering = who;
    const t = text(this);
    const ended = who.status === 'closed' || who.status === 'abandoned';
    this.#regions.status.textContent = ended
      ? t.ended
      : who.status === 'queued'
        ? t.waiting
        : who.status === 'afterHours'
          ? t.afterHours
          : `${t.answering[who.tier]}${who.name ? `：${who.name}` : ''}`;
    this.#regions.form.hidden = ended;
    this.#regions.controls.hidden = ended;
    this.#regions.callback.hidden = who.status !== 'afterHours';
    return ended;
  }
}
