import { ChatTiles } from './chat-tiles.js';
import { act, appendNewMessages, BASE, el, getJson, newClientId, POLL_MS, typingNotifier } from './common.js';
import { ConsoleAssist } from './console-assist.js';
import { installConsoleShortcuts } from './console-keys.js';
import { messageLine } from './message-line.js';
import { Resident360Panel } from './resident-360.js';
import { text } from './texts.js';
import { transferTargets } from './transfer-targets.js';

const HEARTBEAT_MS = 30_000;

const STAFF_CHANNEL = 'contact-center.staff';
const CONVERSATION_CHANNEL = 'contact-center.conversation';

/**
 * The operator console (staff page): presence, the waiting queue with accept buttons, my
 * conversations, the ones still to wrap up, and the selected one's transcript, shared
 * profile, the CRM's resident 360, notes, canned replies and answer suggestions with reply,
 * note, transfer, CRM case and close (with its wrap-up code) forms. Built once; only the lists
 * are redrawn, so focus and what is being typed survive every refresh. Every control is a
 * native form element. It listens on the portal's realtime connection (queue changes, its
 * assignments, the selected conversation's messages) and polls only without one.
 */
export class ContactCenterConsole extends HTMLElement {
  language = 'ja';
  /** The portal's shared connection (`PortalRealtime`), when the element runs in a portal. */
  realtime = null;
  #selected = null;
  #messages = [];
  #timer;
  #heartbeat;
  #presence = 'away';
  #regions = {};
  #assist;
  #tiles;
  #resident360;
  #subscriptions = [];
  #operatorRoom = null;
  #crm = false;
  #shown360For = null;
  #conversationSubscription = null;
  #markedRead = 0;
  /** The reply last sent and not yet acknowledged, with its client id (see `#sendReply`). */
  #unacknowledged = null;

  connectedCallback() {
    this.#build();
    this.#refresh();
    if (this.realtime) this.#subscriptions.push(this.#listen('console'));
    else this.#timer = setInterval(() => this.#refresh(), POLL_MS);
    this.#heartbeat = setInterval(() => act('setPresence', { presence: this.#presence }, this.language), HEARTBEAT_MS);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    clearInterval(this.#heartbeat);
    for (const unsubscribe of this.#subscriptions) unsubscribe();
    this.#conversationSubscription?.();
    this.#tiles.stop();
  }

  #listen(room, channel = STAFF_CHANNEL) {
    // Typing notices and read marks change nothing the console shows.
    return this.realtime.subscribe(channel, room, (message) => {
      if (message.event !== 'typing' && message.event !== 'read') this.#refresh();
    });
  }

  #build() {
    const t = text(this);
    const presence = el(
      'select',
      { id: 'cc-presence' },
      Object.entries(t.presences).map(([value, label]) => el('option', { value, textContent: label })),
    );
    presence.addEventListener('change', async () => {
      this.#presence = presence.value;
      await act('setPresence', { presence: presence.value }, this.language);
      this.#refresh();
    });
    this.#regions = {
      presence,
      status: el('p', { role: 'status' }),
      waiting: el('ul'),
      mine: el('ul'),
      toWrapUp: el('ul'),
      transcript: el('ol', { className: 'cc-transcript' }),
      profile: el('dl'),
      notes: el('ul'),
      detail: el('section', { hidden: true, ariaLabel: t.transcript }),
    };
    const r = this.#regions;
    const replyField = this.#field('textarea', 'body', t.reply, { required: true, maxLength: 4000 });
    const replyBox = replyField.querySelector('textarea');
    this.#assist = new ConsoleAssist(this, replyBox);
    const typing = typingNotifier((isTyping) =>
      act('typing', { conversationId: this.#selected, typing: isTyping }, this.language),
    );
    replyBox.addEventListener('input', () => this.#selected && typing.typed());
    this.#resident360 = new Resident360Panel(this);
    this.#tiles = new ChatTiles(this, (id) => this.#select(id));
    const shortcuts = installConsoleShortcuts(this, {
      next: () => this.#selectNext(replyBox),
      reply: () => replyBox.focus(),
      suggestion: () => this.#assist.insertFirst(),
    });
    r.wrapUp = el('select', { name: 'wrapUp', required: true });
    const wrapUpId = `cc-wrapup-${Math.random().toString(36).slice(2, 8)}`;
    r.wrapUp.id = wrapUpId;
    r.detail.append(
      el('h3', { textContent: t.transcript }),
      r.transcript,
      this.#tiles.selectedTyping,
      el('h4', { textContent: t.profile }),
      r.profile,
      this.#resident360.element,
      el('h4', { textContent: t.notes }),
      r.notes,
      this.#assist.element,
      this.#form('reply', [replyField], t.send, (data) => {
        typing.stopped();
        return this.#sendReply(data.body);
      }),
      this.#form('note', [this.#field('textarea', 'body', t.addNote, { required: true })], t.addNote, (data) =>
        act('addNote', { conversationId: this.#selected, body: data.body }, this.language),
      ),
      this.#form(
        'transfer',
        [this.#labelled(t.transferTo, (id) => transferTargets(this, id)), this.#field('input', 'note', t.note, {})],
        t.transfer,
        (data) =>
          act(
            'transfer',
            { conversationId: this.#selected, queue: data.queue, ...(data.note ? { note: data.note } : {}) },
            this.language,
          ),
      ),
      this.#form(
        'case',
        [
          this.#field('input', 'subject', t.caseSubject, { required: true }),
          this.#field('input', 'category', t.caseCategory, { required: true }),
          this.#field('input', 'department', t.caseDepartment, { required: true }),
        ],
        t.createCase,
        (data) => act('createCase', { conversationId: this.#selected, ...data }, this.language),
      ),
      this.#form(
        'close',
        [
          el('p', {}, [el('label', { htmlFor: wrapUpId, textContent: t.wrapUp }), r.wrapUp]),
          this.#field('input', 'wrapUpNote', t.wrapUpNote, { maxLength: 2000 }),
        ],
        t.close,
        (data) =>
          act(
            'close',
            {
              conversationId: this.#selected,
              wrapUp: { code: data.wrapUp, ...(data.wrapUpNote ? { note: data.wrapUpNote } : {}) },
            },
            this.language,
          ),
      ),
    );
    this.replaceChildren(
      el('h2', { textContent: t.console }),
      el('label', { htmlFor: 'cc-presence', textContent: t.presence }),
      presence,
      r.status,
      el('section', {}, [el('h3', { textContent: t.queue }), r.waiting]),
      el('section', {}, [el('h3', { textContent: t.mine }), r.mine]),
      this.#tiles.element,
      shortcuts,
      el('section', {}, [el('h3', { textContent: t.toWrapUp }), r.toWrapUp]),
      r.detail,
    );
    this.#loadWrapUpCodes();
  }

  /** Alt+N: the chat after the selected one among mine (the first after the last), then the reply box. */
  #selectNext(replyBox) {
    const order = this.#tiles.order;
    if (order.length === 0) return;
    const next = order[(order.indexOf(this.#selected) + 1) % order.length];
    if (next !== this.#selected) this.#select(next);
    replyBox.focus();
  }

  async #loadWrapUpCodes() {
    const answer = await getJson(`${BASE}/wrap-up-codes`).catch(() => ({ codes: [] }));
    const language = this.language === 'en' ? 'en' : 'ja';
    this.#regions.wrapUp.replaceChildren(
      ...answer.codes
        .filter((code) => code.active)
        .map((code) => el('option', { value: code.code, textContent: code.label[language] ?? code.label.ja })),
    );
  }

  #field(tag, name, label, properties) {
    return this.#labelled(label, (id) => el(tag, { id, name, ...properties }));
  }

  /** A control made by `make(id)` with its label, in a paragraph. */
  #labelled(label, make) {
    const id = `cc-field-${Math.random().toString(36).slice(2, 8)}`;
    return el('p', {}, [el('label', { htmlFor: id, textContent: label }), make(id)]);
  }

  /**
   * Sends a reply. When its answer does not come (the connection dropped after the engine
   * stored it, a refusal), the text stays in the box, and sending the same text in the same
   * chat again reuses its client id: the resident gets it once.
   */
  async #sendReply(body) {
    const conversationId = this.#selected;
    const pending = this.#unacknowledged;
    if (pending?.conversationId !== conversationId || pending.body !== body) {
      this.#unacknowledged = { conversationId, body, clientId: newClientId() };
    }
    const { clientId } = this.#unacknowledged;
    const answer = await act('send', { conversationId, clientId, body }, this.language).catch(() => ({
      ok: false,
      status: 0,
      body: { detail: text(this).failed },
    }));
    if (answer.ok) this.#unacknowledged = null;
    return answer;
  }

  #form(name, fields, submit, send) {
    const form = el('form', { ariaLabel: submit, name }, [
      ...fields,
      el('button', { type: 'submit', textContent: submit }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = Object.fromEntries(new FormData(form).entries());
      const answer = await send(data);
      this.#regions.status.textContent = answer.ok
        ? ''
        : (answer.body.detail ?? answer.body.title ?? String(answer.status));
      if (answer.ok) form.reset();
      if (answer.ok && name === 'case') this.#regions.status.textContent = text(this).caseCreated;
      if (answer.ok && (name === 'transfer' || name === 'close')) this.#select(null);
      this.#refresh();
    });
    return form;
  }

  #select(id) {
    this.#selected = id;
    this.#tiles.select(id);
    this.#messages = [];
    this.#markedRead = 0;
    this.#regions.detail.hidden = id === null;
    this.#regions.transcript.replaceChildren();
    this.#conversationSubscription?.();
    this.#conversationSubscription = id && this.realtime ? this.#listen(id, CONVERSATION_CHANNEL) : null;
    if (id) this.#assist.show(id);
    if (id) this.#refresh();
  }

  async #refresh() {
    const t = text(this);
    const state = await getJson(`${BASE}/console`).catch(() => null);
    if (!state) return;
    this.#crm = state.crm;
    if (state.operator && this.realtime && !this.#operatorRoom) {
      this.#operatorRoom = `operator:${state.operator.principal}`;
      this.#subscriptions.push(this.#listen(this.#operatorRoom));
    }
    if (!state.operator) this.#regions.status.textContent = t.notConfigured;
    else if (document.activeElement !== this.#regions.presence) {
      this.#presence = state.operator.presence;
      this.#regions.presence.value = state.operator.presence;
    }
    const now = Date.now();
    this.#regions.waiting.replaceChildren(
      ...(state.waiting.length === 0 ? [el('li', { textContent: t.none })] : []),
      ...state.waiting.map((c) => {
        const accept = el('button', { type: 'button', textContent: `${t.accept}（${c.queue}）` });
        accept.addEventListener('click', async () => {
          const answer = await act('accept', { conversationId: c.id }, this.language);
          if (answer.ok) this.#select(c.id);
          else this.#regions.status.textContent = answer.body.detail ?? String(answer.status);
        });
        const waited = Math.round((now - new Date(c.queuedAt).getTime()) / 1000);
        return el('li', {}, [el('span', { textContent: `${c.queue} · ${t.waitedSeconds(waited)} ` }), accept]);
      }),
    );
    this.#regions.mine.replaceChildren(
      ...(state.mine.length === 0 ? [el('li', { textContent: t.none })] : []),
      ...state.mine.map((c) => {
        const open = el('button', {
          type: 'button',
          textContent: `${c.queue} · #${c.lastSeq}${c.language === 'ja' ? '' : ` · ${t.language(c.language)}`}`,
          ariaPressed: String(c.id === this.#selected),
        });
        open.addEventListener('click', () => this.#select(c.id));
        return el('li', {}, [open]);
      }),
    );
    this.#tiles.update(state.mine, this.#selected);
    this.#regions.toWrapUp.replaceChildren(
      ...(state.toWrapUp.length === 0 ? [el('li', { textContent: t.none })] : []),
      ...state.toWrapUp.map((c) => {
        const open = el('button', { type: 'button', textContent: `${c.queue} · ${t.wrapUp}` });
        open.addEventListener('click', () => this.#select(c.id));
        return el('li', {}, [open]);
      }),
    );
    if (this.#selected) await this.#refreshConversation(t);
  }

  async #refreshConversation(t) {
    const after = this.#messages.at(-1)?.seq ?? 0;
    const detail = await getJson(`${BASE}/conversations/${this.#selected}?after=${after}`).catch(() => null);
    if (!detail) return;
    this.#messages = appendNewMessages(this.#regions.transcript, this.#messages, detail.messages, (m) =>
      messageLine(m, t, { side: 'staff' }),
    );
    if (this.#shown360For !== this.#selected) {
      this.#shown360For = this.#selected;
      this.#resident360.show(detail.resident ?? null, this.#crm);
    }
    const residentSeq = this.#messages.findLast((m) => m.author.kind === 'resident')?.seq ?? 0;
    this.#assist.refresh(residentSeq);
    // The open transcript has been read: the resident sees their lines marked so.
    if (residentSeq > this.#markedRead) {
      this.#markedRead = residentSeq;
      act('markRead', { conversationId: this.#selected, seq: residentSeq }, this.language);
    }
    this.#regions.profile.replaceChildren(
      ...Object.entries(detail.profile ?? {})
        .filter(([, value]) => value)
        .flatMap(([key, value]) => [el('dt', { textContent: key }), el('dd', { textContent: String(value) })]),
    );
    this.#regions.notes.replaceChildren(...(detail.notes ?? []).map((n) => el('li', { textContent: n.body })));
  }
}
