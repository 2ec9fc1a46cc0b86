import { BASE, el, getJson } from './common.js';
import { text } from './texts.js';

/**
 * Beside the reply box: the canned replies of the conversation's queue and language (filled
 * in by the server) and answer suggestions for the resident's last messages. Choosing one puts
 * its text in the reply box, where the operator edits it before sending — nothing is sent
 * from here.
 */
export class ConsoleAssist {
  #host;
  #reply;
  #canned;
  #suggestions;
  #conversation = null;
  #answeredUpTo = -1;
  /** The text of the first suggestion shown, for the keyboard shortcut. */
  #first = null;

  constructor(host, replyBox) {
    this.#host = host;
    this.#reply = replyBox;
    const t = text(host);
    const id = `cc-canned-${Math.random().toString(36).slice(2, 8)}`;
    this.#canned = el('select', { id });
    this.#canned.addEventListener('change', () => {
      if (this.#canned.value) this.#insert(this.#canned.selectedOptions[0].dataset.text ?? '');
      this.#canned.value = '';
    });
    this.#suggestions = el('ul');
    this.element = el('section', { ariaLabel: t.suggestions }, [
      el('h4', { textContent: t.cannedReplies }),
      el('label', { htmlFor: id, textContent: t.cannedReply }),
      this.#canned,
      el('h4', { textContent: t.suggestions }),
      this.#suggestions,
    ]);
  }

  /** Loads the replies for a newly selected conversation. */
  async show(conversationId) {
    this.#conversation = conversationId;
    this.#answeredUpTo = -1;
    this.#first = null;
    this.#suggestions.replaceChildren();
    const t = text(this.#host);
    const answer = await getJson(`${BASE}/conversations/${conversationId}/canned-replies`).catch(() => null);
    this.#canned.replaceChildren(
      el('option', { value: '', textContent: '—' }),
      ...(answer?.replies ?? []).map((reply) => {
        const option = el('option', { value: reply.code, textContent: reply.title });
        option.dataset.text = reply.text;
        return option;
      }),
    );
    this.#canned.disabled = (answer?.replies ?? []).length === 0;
    if (this.#suggestions.childElementCount === 0) this.#suggestions.append(el('li', { textContent: t.noSuggestions }));
  }

  /** Asks again for suggestions when the resident wrote something new (`residentSeq`, their last message number). */
  async refresh(residentSeq) {
    if (!this.#conversation || residentSeq <= this.#answeredUpTo) return;
    this.#answeredUpTo = residentSeq;
    const t = text(this.#host);
    const answer = await getJson(`${BASE}/conversations/${this.#conversation}/suggestions`).catch(() => null);
    const suggestions = answer?.suggestions ?? [];
    this.#first = suggestions[0]?.text ?? null;
    this.#suggestions.replaceChildren(
      ...(suggestions.length === 0 ? [el('li', { textContent: t.noSuggestions })] : []),
      ...suggestions.map((suggestion) => {
        const use = el('button', { type: 'button', textContent: t.insert });
        use.addEventListener('click', () => this.#insert(suggestion.text));
        return el('li', {}, [
          el('strong', {
            textContent: `${t.suggestionSources[suggestion.source] ?? suggestion.source}: ${suggestion.title}`,
          }),
          el('p', { textContent: suggestion.text }),
          use,
        ]);
      }),
    );
  }

  /** Puts the first suggestion in the reply box (Alt+S); nothing happens while there is none. */
  insertFirst() {
    if (this.#first) this.#insert(this.#first);
  }

  #insert(value) {
    this.#reply.value = this.#reply.value ? `${this.#reply.value}\n${value}` : value;
    this.#reply.focus();
  }
}
