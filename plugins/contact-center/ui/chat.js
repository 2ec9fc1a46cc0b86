import { callbackForm } from './callback-form.js';
import { act, appendNewMessages, BASE, el, getJson, newClientId, POLL_MS, PUBLIC_BASE, postJson } from './common.js';
import { text } from './texts.js';

let instances = 0;

/**
 * The resident chat for any portal page. A signed-in resident chats through the actions (and
 * may share their profile on handoff); anyone else through the public routes with the
 * conversation's token, kept for this tab only. The status line always says who answers (AI,
 * FAQ, operator by name, department); the transcript is a live region.
 */
export class ContactCenterChat extends HTMLElement {
  language = 'ja';
  #id = `contact-center-chat-${++instances}`;
  #conversation = null;
  #token = null;
  #messages = [];
  #timer;
  #regions = {};

  connectedCallback() {
    this.#build();
  }

  disconnectedCallback() {
    clearInterval(this.#timer);
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
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await this.#send(input.value);
      input.value = '';
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
    };
    this.replaceChildren(
      el('h2', { textContent: t.chatTitle }),
      this.#regions.status,
      this.#regions.log,
      start,
      form,
      controls,
      callback,
    );
  }

  async #start() {
    const signedIn = await act('start', { language: this.language === 'en' ? 'en' : 'ja' }, this.language);
    if (signedIn.ok) this.#conversation = signedIn.body;
    else {
      const anonymous = await postJson(`${PUBLIC_BASE}/conversations`, {
        language: this.language === 'en' ? 'en' : 'ja',
      });
      if (!anonymous.ok) return this.#fail();
      this.#conversation = anonymous.body.conversation;
      this.#token = anonymous.body.token;
      this.#regions.share.disabled = true;
    }
    this.#regions.start.hidden = true;
    this.#regions.form.hidden = false;
    this.#regions.controls.hidden = false;
    await this.#refresh();
    this.#timer = setInterval(() => this.#refresh(), POLL_MS);
  }

  async #send(body) {
    const clientId = newClientId();
    const id = this.#conversation.id;
    const answer = this.#token
      ? await postJson(`${PUBLIC_BASE}/conversations/${id}/messages`, { clientId, body }, this.#headers)
      : await act('send', { conversationId: id, clientId, body }, this.language);
    if (!answer.ok) return this.#fail(answer.body.detail);
    await this.#refresh();
  }

  async #askForPerson(shareProfile) {
    const id = this.#conversation.id;
    const answer = this.#token
      ? await postJson(`${PUBLIC_BASE}/conversations/${id}/person`, {}, this.#headers)
      : await act('requestPerson', { conversationId: id, shareProfile }, this.language);
    if (!answer.ok) return this.#fail(answer.body.detail);
    await this.#refresh();
  }

  async #end() {
    const id = this.#conversation.id;
    if (this.#token) await postJson(`${PUBLIC_BASE}/conversations/${id}/close`, {}, this.#headers);
    else await act('close', { conversationId: id }, this.language);
    await this.#refresh();
    clearInterval(this.#timer);
  }

  #fail(detail) {
    this.#regions.status.textContent = detail ?? text(this).failed;
  }

  async #refresh() {
    const t = text(this);
    const after = this.#messages.at(-1)?.seq ?? 0;
    const base = this.#token ? PUBLIC_BASE : BASE;
    const detail = await getJson(`${base}/conversations/${this.#conversation.id}?after=${after}`, this.#headers).catch(
      () => null,
    );
    if (!detail) return;
    this.#messages = appendNewMessages(this.#regions.log, this.#messages, detail.messages, t);
    const who = detail.conversation.answeredBy;
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
  }
}
