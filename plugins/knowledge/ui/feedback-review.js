import { el, recordHref, request, when } from './dom.js';
import { pageLanguage } from './language.js';
import { REVIEW_TEXT } from './review-text.js';

/**
 * The staff review of residents' "did this help?" answers (#15's FAQ update): per answer the
 * yes/no counts, what was searched and the comments, least helpful first, each answer linked
 * to its record for editing.
 */
export class KnowledgeFeedbackReview extends HTMLElement {
  #language = 'ja';
  #state = 'loading';
  #answers = [];

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = pageLanguage(value, REVIEW_TEXT);
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    this.#render();
    request('/api/plugins/knowledge/feedback', { language: this.#language })
      .then(({ answers }) => {
        this.#answers = answers;
        this.#state = 'done';
      })
      .catch(() => {
        this.#state = 'failed';
      })
      .finally(() => this.#render());
  }

  #render() {
    const text = REVIEW_TEXT[this.#language];
    const t = text.feedback;
    const body = [el('h2', { textContent: t.heading }), el('p', { textContent: t.intro })];
    if (this.#state !== 'done') {
      body.push(el('p', { role: 'status', textContent: this.#state === 'failed' ? text.failed : text.loading }));
    } else if (this.#answers.length === 0) {
      body.push(el('p', { role: 'status', textContent: t.empty }));
    } else {
      body.push(this.#table(text));
    }
    this.replaceChildren(el('section', { lang: this.#language, className: 'knowledge-feedback-review' }, body));
  }

  #table(text) {
    const t = text.feedback;
    const head = el(
      'tr',
      {},
      t.columns.map((label) => el('th', { scope: 'col', textContent: label })),
    );
    const rows = this.#answers.map((answer) => {
      const title = answer.title ?? t.gone;
      const name =
        answer.title && answer.entity
          ? el('a', { href: recordHref(answer.entity, answer.resultId), textContent: title })
          : title;
      const comments =
        answer.comments.length === 0
          ? el('span', { textContent: t.noComment })
          : el(
              'ul',
              {},
              answer.comments.map((comment) =>
                el('li', {}, [
                  el('q', { lang: 'ja', textContent: comment.comment }),
                  ` (${t.helpfulMark(comment.helpful)}, ${when(comment.at, this.#language)})`,
                ]),
              ),
            );
      return el('tr', {}, [
        el('th', { scope: 'row', lang: 'ja' }, [name]),
        el('td', { textContent: text.kinds[answer.resultKind] ?? answer.resultKind ?? '—' }),
        el('td', { textContent: String(answer.helpful) }),
        el('td', { textContent: String(answer.notHelpful), className: answer.notHelpful > 0 ? 'unhelpful' : '' }),
        el('td', { lang: 'ja', textContent: answer.queries.join(' / ') }),
        el('td', {}, [comments]),
      ]);
    });
    return el('table', {}, [el('caption', { textContent: t.caption }), el('thead', {}, [head]), el('tbody', {}, rows)]);
  }
}
