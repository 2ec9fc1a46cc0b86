import { CATALOGUE_TEXT } from './catalogue-text.js';
import { dateLocale, pageLanguage } from './language.js';

function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

/**
 * The staff catalogue of the knowledge base (#62): every source (FAQ category, benefit
 * department, article document, sorting city) with its size, what is published and in review,
 * when it last changed and how many records are past their review date. Text is set, never
 * parsed as HTML.
 */
export class KnowledgeCatalogue extends HTMLElement {
  #language = 'ja';
  #state = 'loading';
  #sources = [];

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = pageLanguage(value, CATALOGUE_TEXT);
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    this.#render();
    fetch('/api/plugins/knowledge/catalogue', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then((response) => {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(({ sources }) => {
        this.#sources = sources;
        this.#state = 'done';
      })
      .catch(() => {
        this.#state = 'failed';
      })
      .finally(() => this.#render());
  }

  #render() {
    const text = CATALOGUE_TEXT[this.#language];
    const body = [el('h2', { textContent: text.heading })];
    if (this.#state !== 'done') {
      body.push(el('p', { role: 'status', textContent: this.#state === 'failed' ? text.failed : text.loading }));
    } else if (this.#sources.length === 0) {
      body.push(el('p', { role: 'status', textContent: text.empty }));
    } else {
      body.push(this.#table(text));
    }
    this.replaceChildren(el('section', { lang: this.#language, className: 'knowledge-catalogue' }, body));
  }

  #table(text) {
    const date = (value) => (value ? new Date(value).toLocaleDateString(dateLocale(this.#language)) : text.never);
    const head = el(
      'tr',
      {},
      text.columns.map((label) => el('th', { scope: 'col', textContent: label })),
    );
    const rows = this.#sources.map((source) =>
      el('tr', {}, [
        el('td', { textContent: text.entities[source.entity] ?? source.entity }),
        el('th', { scope: 'row', textContent: source.source }),
        el('td', { textContent: String(source.records) }),
        el('td', { textContent: String(source.published) }),
        el('td', { textContent: String(source.inReview ?? 0) }),
        el('td', { textContent: date(source.lastChanged) }),
        el('td', {
          textContent: String(source.reviewOverdue),
          className: source.reviewOverdue > 0 ? 'overdue' : '',
        }),
      ]),
    );
    return el('table', {}, [
      el('caption', { textContent: text.caption }),
      el('thead', {}, [head]),
      el('tbody', {}, rows),
    ]);
  }
}
