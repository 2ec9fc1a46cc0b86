import { textsFor } from './texts.js';
import { draftBlock, feedbackControls, handoffControls } from './turn-actions.js';

const BASE = '/api/plugins/ai-concierge';
let instances = 0;

function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

/**
 * The resident chat with the concierge: the conversation (questions and answers, each answer
 * with its citations and which answerer wrote it), a busy indicator and the question form.
 * The conversation is a live region, so screen readers hear each answer as it arrives. Every
 * answer, title and passage is set as text. The element receives `language` from the portal,
 * and `agent` — a published agent to answer with — from the page's component `props`.
 */
export class ConciergeChat extends HTMLElement {
  agent;
  #language = 'ja';
  #turns = [];
  #conversationId;
  #mode;
  #busy = false;
  #list;
  #log;
  #status;
  #id = `ai-concierge-${++instances}`;

  get language() {
    return this.#language;
  }

  set language(value) {
    const changed = value !== this.#language;
    this.#language = value;
    if (changed && this.isConnected) this.#render();
  }

  async connectedCallback() {
    this.#render();
    const response = await fetch(`${BASE}/mode`, { credentials: 'same-origin' });
    this.#mode = response.ok ? await response.json() : { unavailable: response.status };
    this.#render();
  }

  #render() {
    const t = textsFor(this.#language);
    const previous = this.querySelector('textarea')?.value ?? '';
    this.#list = el(
      'ol',
      {},
      this.#turns.map((turn) => this.#turnItem(turn, t)),
    );
    this.#list.style.listStyle = 'none';
    this.#list.style.paddingInlineStart = '0';
    // A log region: additions are announced, the earlier turns are not read again.
    this.#log = el('div', { className: 'conversation', ariaLabel: t.conversation }, [this.#list]);
    this.#log.setAttribute('role', 'log');
    this.#log.setAttribute('aria-live', 'polite');
    this.#status = el('p', { className: 'status', role: 'status', textContent: this.#busy ? t.busy : '' });
    this.replaceChildren(
      el('p', { textContent: t.intro }),
      el('p', { className: 'mode', textContent: this.#modeText(t) }),
      this.#turns.length === 0 ? el('p', { className: 'empty', textContent: t.empty }) : '',
      this.#log,
      this.#status,
      this.#form(t, previous),
    );
  }

  #modeText(t) {
    if (!this.#mode) return '';
    if (this.#mode.unavailable) return this.#mode.unavailable === 401 ? t.signIn : t.failed;
    if (this.#mode.knowledge === false) return t.noKnowledge;
    return this.#mode.mode === 'model' ? t.modeModel(this.#mode.model) : t.modeExtractive;
  }

  #form(t, value) {
    const input = el('textarea', { id: `${this.#id}-question`, name: 'message', rows: 3, maxLength: 2000, value });
    input.required = true;
    const send = el('button', { type: 'submit', textContent: t.send, disabled: this.#busy });
    input.style.display = 'block';
    input.style.width = '100%';
    input.style.boxSizing = 'border-box';
    const form = el('form', {}, [el('label', { htmlFor: input.id, textContent: t.question }), input, send]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const message = input.value.trim();
      if (message && !this.#busy) this.#ask(message);
    });
    return form;
  }

  async #ask(message) {
    const t = textsFor(this.#language);
    this.#add({ kind: 'question', text: message });
    this.querySelector('textarea').value = '';
    this.#setBusy(true);
    let turn;
    try {
      const response = await fetch(`${BASE}/ask/stream`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'accept-language': this.#language === 'en' ? 'en' : 'ja' },
        body: JSON.stringify({
          message,
          language: this.#language,
          ...(this.#conversationId ? { conversationId: this.#conversationId } : {}),
          ...(this.agent ? { agent: this.agent } : {}),
        }),
      });
      turn = response.ok ? await this.#readStream(response, t) : { kind: 'error', text: t.failed };
    } catch {
      turn = { kind: 'error', text: t.failed };
    }
    this.querySelector('.draft')?.remove();
    this.#setBusy(false);
    this.#add(turn);
  }

  /**
   * Reads the server-sent events: the text as it is written is shown as a draft, labelled
   * provisional and outside the live region (a `restart` clears it); only the `answer` event,
   * sent after the number check, becomes the turn — the draft's text, or a decline in its place.
   */
  async #readStream(response, t) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let draft = '';
    let turn = { kind: 'error', text: t.failed };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      const blocks = buffer.split('\n\n');
      buffer = blocks.pop() ?? '';
      for (const block of blocks) {
        const name = /^event: (.*)$/m.exec(block)?.[1];
        const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
        if (name === 'delta' || name === 'restart') {
          draft = name === 'delta' ? draft + data.text : '';
          this.#showDraft(draft);
        } else if (name === 'answer') {
          this.#conversationId = data.conversationId;
          turn = { kind: 'answer', id: `${this.#id}-turn-${this.#turns.length}`, handoffState: {}, ...data };
        } else if (name === 'error') {
          turn = { kind: 'error', text: data.status === 429 ? data.detail || t.rateLimited : t.failed };
        }
      }
    }
    return turn;
  }

  #showDraft(text) {
    let draft = this.querySelector('.draft');
    if (!draft) {
      draft = draftBlock(this.#language);
      this.#status.after(draft);
    }
    draft.querySelector('.draft-text').textContent = text;
  }

  #setBusy(busy) {
    this.#busy = busy;
    const t = textsFor(this.#language);
    this.#status.textContent = busy ? t.busy : '';
    this.#log.setAttribute('aria-busy', String(busy));
    this.querySelector('button[type="submit"]').disabled = busy;
  }

  #add(turn) {
    this.#turns.push(turn);
    this.querySelector('.empty')?.remove();
    this.#list.append(this.#turnItem(turn, textsFor(this.#language)));
  }

  #turnItem(turn, t) {
    if (turn.kind === 'question') {
      return el('li', { className: 'question' }, [el('p', { textContent: `${t.you}: ${turn.text}` })]);
    }
    if (turn.kind === 'error') {
      return el('li', { className: 'error' }, [el('p', { textContent: `${t.concierge}: ${turn.text}` })]);
    }
    const answer = el('p', { className: 'answer', textContent: turn.answer });
    answer.style.whiteSpace = 'pre-line';
    const headings = { refused: t.refused, declined: t.declined, unavailable: t.unavailable };
    const heading = turn.status === 'answered' ? this.#answeredBy(turn, t) : (headings[turn.status] ?? t.declined);
    const parts = [el('p', { className: 'answered-by', textContent: `${t.concierge} — ${heading}` })];
    if (turn.status === 'answered' && turn.fallback)
      parts.push(el('p', { className: 'fallback', textContent: t.fallback }));
    const notice = this.#languageNotice(turn, t);
    if (notice) parts.push(el('p', { className: 'language-notice', textContent: notice }));
    parts.push(answer);
    if (turn.citations?.length) parts.push(this.#citations(turn.citations, t));
    if (turn.handoff?.available) {
      turn.handoffState.id ??= turn.id;
      parts.push(handoffControls(turn.handoffState, turn.conversationId, this.#language));
    }
    if ((turn.status === 'answered' || turn.status === 'declined') && turn.conversation?.turns)
      parts.push(feedbackControls(turn, turn.conversationId, this.#language));
    return el('li', { className: `answer ${turn.status}` }, parts);
  }

  /**
   * Says when the answer is not in the language asked for (the city's Japanese quoted, as no
   * model translates), and when やさしい日本語 means readings added to the city's own words.
   */
  #languageNotice(turn, t) {
    const language = turn.language;
    if (!language || turn.status !== 'answered') return '';
    if (language.answered === 'ja-x-easy' && turn.mode !== 'model') return t.easyReadings;
    return language.answered !== language.requested ? t.inJapanese : '';
  }

  /** Only a turn the API says a model wrote is presented as the model's. */
  #answeredBy(turn, t) {
    return turn.mode === 'model' && turn.model ? t.byModel(turn.model) : t.byExtractive;
  }

  #citations(citations, t) {
    return el('div', { className: 'citations' }, [
      el('p', { textContent: t.sources }),
      el(
        'ol',
        {},
        citations.map((citation) => {
          const label = `[${citation.marker}] ${citation.title}`;
          const title = /^https?:\/\//.test(citation.url ?? '')
            ? el('a', { href: citation.url, textContent: label })
            : el('span', { textContent: `${label} ${t.noLink}` });
          const passage = el('blockquote', { textContent: citation.passage });
          passage.style.whiteSpace = 'pre-line';
          return el('li', {}, [title, passage]);
        }),
      ),
    ]);
  }
}
