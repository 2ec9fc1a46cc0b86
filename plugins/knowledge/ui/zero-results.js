import { el, recordHref, request, when } from './dom.js';
import { pageLanguage } from './language.js';
import { REVIEW_TEXT } from './review-text.js';

let instances = 0;

/**
 * The staff review of searches that found nothing, spellings grouped, the most frequent
 * first, with two one-click paths per query: a synonym group (typed words, saved through
 * `knowledge.addSynonym`, searchable within a second) or an FAQ draft asking it
 * (`knowledge.draftFaq`, opened in the staff portal for its answer).
 */
export class KnowledgeZeroResults extends HTMLElement {
  #language = 'ja';
  #state = 'loading';
  #queries = [];
  /** Per query: the open synonym form, or the outcome of an action. */
  #rows = new Map();
  #id = `knowledge-zero-${++instances}`;

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = pageLanguage(value, REVIEW_TEXT);
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    this.#render();
    request('/api/plugins/knowledge/zero-results', { language: this.#language })
      .then(({ queries }) => {
        this.#queries = queries;
        this.#state = 'done';
      })
      .catch(() => {
        this.#state = 'failed';
      })
      .finally(() => this.#render());
  }

  #render(focus) {
    const text = REVIEW_TEXT[this.#language];
    const t = text.zero;
    const body = [el('h2', { textContent: t.heading }), el('p', { textContent: t.intro })];
    if (this.#state !== 'done') {
      body.push(el('p', { role: 'status', textContent: this.#state === 'failed' ? text.failed : text.loading }));
    } else if (this.#queries.length === 0) {
      body.push(el('p', { role: 'status', textContent: t.empty }));
    } else {
      body.push(this.#table(t));
    }
    this.replaceChildren(el('section', { lang: this.#language, className: 'knowledge-zero-results' }, body));
    if (focus) this.querySelector(focus)?.focus();
  }

  #table(t) {
    const head = el(
      'tr',
      {},
      t.columns.map((label) => el('th', { scope: 'col', textContent: label })),
    );
    const rows = this.#queries.map((group, index) => {
      const audiences = Object.entries(group.audiences)
        .map(([audience, count]) => `${t.audiences[audience] ?? audience} ${count}`)
        .join('、');
      return el('tr', {}, [
        el('th', { scope: 'row', lang: 'ja' }, [
          group.query,
          ...(group.variants.length > 0
            ? [el('br'), el('small', { textContent: t.variants(group.variants.join(' / ')) })]
            : []),
        ]),
        el('td', { textContent: String(group.count) }),
        el('td', { textContent: audiences }),
        el('td', { textContent: when(group.lastAt, this.#language) }),
        el('td', {}, this.#actions(t, group, index)),
      ]);
    });
    return el('table', {}, [el('caption', { textContent: t.caption }), el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  #actions(t, group, index) {
    const row = this.#rows.get(group.query);
    const outcome = `${this.#id}-outcome-${index}`;
    if (row?.kind === 'form') return [this.#synonymForm(t, group, index)];
    const done = [];
    if (row?.kind === 'synonym')
      done.push(el('p', { id: outcome, tabIndex: -1, role: 'status', textContent: t.synonymSaved(row.words) }));
    if (row?.kind === 'draft') {
      done.push(
        el('p', { id: outcome, tabIndex: -1, role: 'status' }, [
          `${t.draftSaved} `,
          el('a', { href: recordHref('KnowledgeFaq', row.id), textContent: t.openDraft }),
        ]),
      );
    }
    if (row?.kind === 'failed')
      done.push(el('p', { id: outcome, tabIndex: -1, role: 'alert', textContent: t.actionFailed }));
    return [
      ...done,
      el('button', {
        type: 'button',
        textContent: t.addSynonym,
        onclick: () => {
          this.#rows.set(group.query, { kind: 'form' });
          this.#render(`#${this.#id}-words-${index}`);
        },
      }),
      ' ',
      el('button', { type: 'button', textContent: t.draftFaq, onclick: () => this.#draft(group, index) }),
    ];
  }

  #synonymForm(t, group, index) {
    const inputId = `${this.#id}-words-${index}`;
    const input = el('input', { id: inputId, name: 'words', size: 30, value: `${group.query}、`, required: true });
    return el('form', { onsubmit: (event) => this.#addSynonym(event, group, index) }, [
      el('label', { htmlFor: inputId, textContent: t.synonymWords(group.query) }),
      el('br'),
      input,
      ' ',
      el('button', { type: 'submit', textContent: t.save }),
      ' ',
      el('button', {
        type: 'button',
        textContent: t.cancel,
        onclick: () => {
          this.#rows.delete(group.query);
          this.#render();
        },
      }),
    ]);
  }

  async #addSynonym(event, group, index) {
    event.preventDefault();
    const words = [
      ...new Set(event.currentTarget.elements.words.value.split(/[、,，]/u).map((word) => word.trim())),
    ].filter(Boolean);
    try {
      const saved = await request('/api/actions/knowledge.addSynonym', { body: { words }, language: this.#language });
      this.#rows.set(group.query, { kind: 'synonym', words: saved.words.join('、') });
    } catch {
      this.#rows.set(group.query, { kind: 'failed' });
    }
    this.#render(`#${this.#id}-outcome-${index}`);
  }

  async #draft(group, index) {
    try {
      const body = { question: group.query, language: this.#language };
      const draft = await request('/api/actions/knowledge.draftFaq', { body, language: this.#language });
      this.#rows.set(group.query, { kind: 'draft', id: draft.id });
    } catch {
      this.#rows.set(group.query, { kind: 'failed' });
    }
    this.#render(`#${this.#id}-outcome-${index}`);
  }
}
