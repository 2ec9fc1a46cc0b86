import { el, recordHref, request, when } from './dom.js';
import { FAQ_DRAFTS_TEXT } from './faq-drafts-text.js';
import { pageLanguage } from './language.js';

/** Evidence lines shown per draft; the rest are counted. */
const SHOWN = 5;

/**
 * The review queue of FAQ drafts written from residents' signals: per draft its kind (new or a
 * revision), how many signals and over which days, the masked evidence, a link to the draft
 * (where the editor writes the answer and submits it) and a dismissal that is never redrafted.
 */
export class KnowledgeFaqDrafts extends HTMLElement {
  #language = 'ja';
  #state = 'loading';
  #drafts = [];
  /** Per draft id: `dismissed` or `failed`. */
  #outcomes = new Map();

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = pageLanguage(value, FAQ_DRAFTS_TEXT);
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    this.#render();
    request('/api/plugins/knowledge/faq-drafts', { language: this.#language })
      .then(({ drafts }) => {
        this.#drafts = drafts;
        this.#state = 'done';
      })
      .catch(() => {
        this.#state = 'failed';
      })
      .finally(() => this.#render());
  }

  #render(focus) {
    const t = FAQ_DRAFTS_TEXT[this.#language];
    const body = [el('h2', { textContent: t.heading }), el('p', { textContent: t.intro })];
    if (this.#state !== 'done') {
      body.push(el('p', { role: 'status', textContent: this.#state === 'failed' ? t.failed : t.loading }));
    } else if (this.#drafts.length === 0) {
      body.push(el('p', { role: 'status', textContent: t.empty }));
    } else {
      body.push(this.#table(t));
    }
    this.replaceChildren(el('section', { lang: this.#language, className: 'knowledge-faq-drafts' }, body));
    if (focus) this.querySelector(focus)?.focus();
  }

  #table(t) {
    const head = el(
      'tr',
      {},
      t.columns.map((label) => el('th', { scope: 'col', textContent: label })),
    );
    const rows = this.#drafts.map((draft, index) =>
      el('tr', {}, [
        el('th', { scope: 'row' }, [
          el('span', { lang: 'ja', textContent: draft.question }),
          el('br'),
          el('small', { textContent: t.reviews[draft.review] ?? draft.review }),
        ]),
        el('td', { textContent: t.kinds[draft.kind] ?? draft.kind }),
        el('td', { textContent: String(draft.signalCount) }),
        el('td', { textContent: `${when(draft.firstAt, this.#language)} – ${when(draft.lastAt, this.#language)}` }),
        el('td', {}, [this.#evidence(t, draft)]),
        el('td', {}, this.#actions(t, draft, index)),
      ]),
    );
    return el('table', {}, [el('caption', { textContent: t.caption }), el('thead', {}, [head]), el('tbody', {}, rows)]);
  }

  #evidence(t, draft) {
    const items = draft.signals
      .slice(0, SHOWN)
      .map((signal) =>
        el('li', {}, [
          el('span', { lang: 'ja', textContent: signal.text }),
          ` (${t.signalKinds[signal.kind] ?? signal.kind})`,
          ...(signal.comment ? [el('br'), el('small', { lang: 'ja', textContent: t.comment(signal.comment) })] : []),
        ]),
      );
    if (draft.signalCount > SHOWN) items.push(el('li', { textContent: t.more(draft.signalCount - SHOWN) }));
    return el('ul', {}, items);
  }

  #actions(t, draft, index) {
    const outcome = this.#outcomes.get(draft.faqId);
    const id = `knowledge-faq-draft-outcome-${index}`;
    if (outcome === 'dismissed') return [el('p', { id, tabIndex: -1, role: 'status', textContent: t.dismissed })];
    return [
      ...(outcome === 'failed' ? [el('p', { id, tabIndex: -1, role: 'alert', textContent: t.actionFailed })] : []),
      el('a', { href: recordHref('KnowledgeFaq', draft.faqId), textContent: t.open }),
      ' ',
      el('button', { type: 'button', textContent: t.dismiss, onclick: () => this.#dismiss(draft, index) }),
    ];
  }

  async #dismiss(draft, index) {
    try {
      await request('/api/actions/knowledge.dismissFaqDraft', {
        body: { faqId: draft.faqId },
        language: this.#language,
      });
      this.#outcomes.set(draft.faqId, 'dismissed');
    } catch {
      this.#outcomes.set(draft.faqId, 'failed');
    }
    this.#render(`#knowledge-faq-draft-outcome-${index}`);
  }
}
