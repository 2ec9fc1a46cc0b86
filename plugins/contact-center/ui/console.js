import { act, appendNewMessages, BASE, el, getJson, newClientId, POLL_MS } from './common.js';
import { text } from './texts.js';

const HEARTBEAT_MS = 30_000;

/**
 * The operator console (staff page): presence, the waiting queue with accept buttons, my
 * conversations, and the selected one's transcript, shared profile and notes with reply,
 * note, transfer, CRM case and close forms. Built once; only the lists are redrawn, so focus
 * and what is being typed survive every refresh. Every control is a native form element.
 */
export class ContactCenterConsole extends HTMLElement {
  language = 'ja';
  #selected = null;
  #messages = [];
  #timer;
  #heartbeat;
  #presence = 'away';
  #regions = {};

  connectedCallback() {
    this.#build();
    this.#refresh();
    this.#timer = setInterval(() => this.#refresh(), POLL_MS);
    this.#heartbeat = setInterval(() => act('setPresence', { presence: this.#presence }, this.language), HEARTBEAT_MS);
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
    clearInterval(this.#heartbeat);
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
      transcript: el('ol', { className: 'cc-transcript' }),
      profile: el('dl'),
      notes: el('ul'),
      detail: el('section', { hidden: true, ariaLabel: t.transcript }),
    };
    const r = this.#regions;
    r.detail.append(
      el('h3', { textContent: t.transcript }),
      r.transcript,
      el('h4', { textContent: t.profile }),
      r.profile,
      el('h4', { textContent: t.notes }),
      r.notes,
      this.#form(
        'reply',
        [this.#field('textarea', 'body', t.reply, { required: true, maxLength: 4000 })],
        t.send,
        (data) =>
          act('send', { conversationId: this.#selected, clientId: newClientId(), body: data.body }, this.language),
      ),
      this.#form('note', [this.#field('textarea', 'body', t.addNote, { required: true })], t.addNote, (data) =>
        act('addNote', { conversationId: this.#selected, body: data.body }, this.language),
      ),
      this.#form(
        'transfer',
        [this.#field('input', 'queue', t.transferTo, { required: true }), this.#field('input', 'note', t.note, {})],
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
      this.#form('close', [], t.close, () => act('close', { conversationId: this.#selected }, this.language)),
    );
    this.replaceChildren(
      el('h2', { textContent: t.console }),
      el('label', { htmlFor: 'cc-presence', textContent: t.presence }),
      presence,
      r.status,
      el('section', {}, [el('h3', { textContent: t.queue }), r.waiting]),
      el('section', {}, [el('h3', { textContent: t.mine }), r.mine]),
      r.detail,
    );
  }

  #field(tag, name, label, properties) {
    const id = `cc-${name}-${Math.random().toString(36).slice(2, 8)}`;
    return el('p', {}, [el('label', { htmlFor: id, textContent: label }), el(tag, { id, name, ...properties })]);
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
    this.#messages = [];
    this.#regions.detail.hidden = id === null;
    this.#regions.transcript.replaceChildren();
    if (id) this.#refresh();
  }

  async #refresh() {
    const t = text(this);
    const state = await getJson(`${BASE}/console`).catch(() => null);
    if (!state) return;
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
          textContent: `${c.queue} · #${c.lastSeq}`,
          ariaPressed: String(c.id === this.#selected),
        });
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
    this.#messages = appendNewMessages(this.#regions.transcript, this.#messages, detail.messages, t);
    this.#regions.profile.replaceChildren(
      ...Object.entries(detail.profile ?? {})
        .filter(([, value]) => value)
        .flatMap(([key, value]) => [el('dt', { textContent: key }), el('dd', { textContent: String(value) })]),
    );
    this.#regions.notes.replaceChildren(...(detail.notes ?? []).map((n) => el('li', { textContent: n.body })));
  }
}
