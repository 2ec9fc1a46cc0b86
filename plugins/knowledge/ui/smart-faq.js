import { el } from './dom.js';
import { faqApi } from './faq-api.js';
import { dateLocale, pageLanguage } from './language.js';
import { TEXT } from './text.js';

let instances = 0;

/** Only web links become links: a stored `javascript:` URL stays text. */
function safeUrl(url) {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The passage as text nodes, the matching words in <mark>: data is never parsed as HTML. */
function passage(segments) {
  return segments.map((segment) =>
    segment.match ? el('mark', { textContent: segment.text }) : document.createTextNode(segment.text),
  );
}

/**
 * The resident smart FAQ: one search box over FAQ, benefits and the garbage-sorting guide,
 * ranked answers with the matching passage highlighted, the garbage answer (category and next
 * collection day in the area the resident picks), "did this help?" buttons and a clear message
 * when nothing is found. After a search, focus moves to the summary so a screen reader reads it.
 * With the attribute `anonymous` it uses the public routes (the page for visitors who have not
 * signed in); otherwise a signed-in resident's picked area is remembered for the next visit.
 */
export class SmartFaq extends HTMLElement {
  #language = 'ja';
  #areas = [];
  #response;
  #state = 'idle';
  #query = '';
  #area = '';
  #rated = new Map();
  #id = `knowledge-faq-${++instances}`;
  #api;

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = pageLanguage(value, TEXT);
    if (this.isConnected) this.#render();
  }

  get #text() {
    return TEXT[this.#language];
  }

  connectedCallback() {
    this.#api = faqApi({ anonymous: this.hasAttribute('anonymous') });
    this.#render();
    Promise.all([this.#api.areas(this.#language), this.#api.rememberedArea(this.#language)])
      .then(([{ areas }, remembered]) => {
        this.#areas = areas;
        const known = remembered && areas.some((area) => area.city === remembered[0] && area.name === remembered[1]);
        this.#renderAreas(known ? JSON.stringify(remembered) : undefined);
      })
      .catch(() => undefined);
  }

  #pickArea(event) {
    this.#area = event.currentTarget.value;
    const [city, area] = this.#area ? JSON.parse(this.#area) : [null, null];
    this.#api.rememberArea(city, area, this.#language);
  }

  async #search(event) {
    event.preventDefault();
    const form = event.currentTarget;
    this.#query = form.elements.query.value.trim();
    this.#area = form.elements.area.value;
    if (!this.#query) return;
    this.#state = 'searching';
    this.#rated.clear();
    this.#renderAnswers();
    const [city, area] = this.#area ? JSON.parse(this.#area) : [];
    try {
      this.#response = await this.#api.search({ query: this.#query, ...(city ? { city, area } : {}) }, this.#language);
      this.#state = 'done';
    } catch {
      this.#state = 'failed';
    }
    this.#renderAnswers();
    this.querySelector('.summary')?.focus();
  }

  async #rate(result, helpful, comment) {
    const body = {
      query: this.#query,
      resultId: result.recordId,
      resultKind: result.kind,
      helpful,
      ...(comment ? { comment } : {}),
    };
    try {
      await this.#api.feedback(body, this.#language);
      this.#rated.set(result.recordId, 'thanks');
    } catch {
      this.#rated.set(result.recordId, 'feedbackFailed');
    }
    this.#renderAnswers();
    this.querySelector(`[data-rated="${CSS.escape(result.recordId)}"]`)?.focus();
  }

  /** The whole component, in the reader's language; what was typed and picked is kept. */
  #render() {
    const typed = this.querySelector('input[name="query"]')?.value ?? '';
    const picked = this.querySelector('select[name="area"]')?.value ?? this.#area;
    this.replaceChildren(
      el('div', { lang: this.#language, className: 'knowledge-smart-faq' }, [
        this.#form(this.#text),
        el('div', { className: 'answers' }),
      ]),
    );
    this.querySelector('input[name="query"]').value = typed;
    this.#renderAreas(picked);
    this.#renderAnswers();
  }

  #renderAreas(picked = this.querySelector('select[name="area"]')?.value ?? '') {
    const select = this.querySelector('select[name="area"]');
    if (!select) return;
    select.replaceChildren(
      el('option', { value: '', textContent: this.#text.noArea }),
      ...this.#areas.map((area) =>
        el('option', { value: JSON.stringify([area.city, area.name]), textContent: `${area.city} ${area.name}` }),
      ),
    );
    select.value = picked;
  }

  #renderAnswers() {
    this.querySelector('.answers')?.replaceChildren(...this.#answers(this.#text));
  }

  #form(t) {
    const queryId = `${this.#id}-query`;
    const areaId = `${this.#id}-area`;
    return el('form', { role: 'search', ariaLabel: t.heading, onsubmit: (event) => this.#search(event) }, [
      el('h2', { textContent: t.heading }),
      el('p', {}, [
        el('label', { htmlFor: queryId, textContent: t.query }),
        el('br'),
        el('input', { id: queryId, name: 'query', type: 'search', size: 40, maxLength: 500, required: true }),
      ]),
      el('p', {}, [
        el('label', { htmlFor: areaId, textContent: t.area }),
        el('br'),
        el('select', { id: areaId, name: 'area', onchange: (event) => this.#pickArea(event) }),
      ]),
      el('button', { type: 'submit', textContent: t.search }),
    ]);
  }

  #answers(t) {
    const summary = (textContent) => el('p', { className: 'summary', tabIndex: -1, role: 'status', textContent });
    if (this.#state === 'idle') return [];
    if (this.#state === 'searching') return [summary(t.searching)];
    if (this.#state === 'failed') return [summary(t.failed)];
    const { results, sorting } = this.#response;
    if (results.length === 0 && !sorting) return [summary(t.empty)];
    return [
      summary(t.found(results.length + (sorting ? 1 : 0))),
      ...(sorting ? [this.#garbage(t, sorting)] : []),
      ...(results.length > 0
        ? [
            el('h2', { textContent: t.results }),
            el(
              'ol',
              {},
              results.map((result) => this.#result(t, result)),
            ),
          ]
        : []),
    ];
  }

  #garbage(t, sorting) {
    let day;
    if (sorting.nextCollection === undefined) day = t.pickArea;
    else if (sorting.nextCollection === null) day = t.noDay(JSON.parse(this.#area || '[]')[1] ?? '');
    else day = t.next(sorting.nextCollection.area, this.#date(sorting.nextCollection.date));
    return el('section', { className: 'garbage', ariaLabel: t.garbage }, [
      el('h2', { textContent: t.garbage }),
      el('p', { className: 'category', textContent: t.category(sorting.item, sorting.category) }),
      ...(sorting.notes ? [el('p', { lang: 'ja', textContent: sorting.notes })] : []),
      el('p', { className: 'next-collection', textContent: day }),
      this.#feedback(t, { recordId: sorting.recordId, kind: 'sorting' }),
    ]);
  }

  #result(t, result) {
    const url = result.url && safeUrl(result.url);
    const title = url ? el('a', { href: url, textContent: result.title }) : result.title;
    return el('li', {}, [
      el('h3', { lang: 'ja' }, [title]),
      el('p', { className: 'kind', textContent: t.kinds[result.kind] ?? result.kind }),
      ...(result.eligible === true ? [el('p', { className: 'eligible', textContent: t.eligible })] : []),
      el('p', { className: 'passage', lang: 'ja' }, passage(result.passage)),
      ...(result.citation
        ? [
            el('p', {
              textContent: `${t.source}: ${[result.citation.source, result.citation.section].filter(Boolean).join(' › ')}`,
            }),
          ]
        : []),
      this.#feedback(t, result),
    ]);
  }

  #feedback(t, result) {
    const rated = this.#rated.get(result.recordId);
    if (rated === 'comment') return this.#commentForm(t, result);
    if (rated) {
      const done = el('p', { tabIndex: -1, role: 'status', textContent: t[rated] });
      done.dataset.rated = result.recordId;
      return done;
    }
    const questionId = `${this.#id}-helpful-${result.kind}-${result.recordId}`;
    const group = el('div', { role: 'group', className: 'feedback' }, [
      el('span', { id: questionId, textContent: t.helpful }),
      ' ',
      el('button', { type: 'button', textContent: t.yes, onclick: () => this.#rate(result, true) }),
      ' ',
      el('button', {
        type: 'button',
        textContent: t.no,
        onclick: () => {
          this.#rated.set(result.recordId, 'comment');
          this.#renderAnswers();
          this.querySelector(`#${CSS.escape(`${questionId}-comment`)}`)?.focus();
        },
      }),
    ]);
    group.setAttribute('aria-labelledby', questionId);
    return group;
  }

  /** After "no": what was missing, in the resident's words (optional), for staff to improve the answer. */
  #commentForm(t, result) {
    const commentId = `${this.#id}-helpful-${result.kind}-${result.recordId}-comment`;
    return el(
      'form',
      {
        className: 'feedback',
        onsubmit: (event) => {
          event.preventDefault();
          this.#rate(result, false, event.currentTarget.elements.comment.value.trim());
        },
      },
      [
        el('label', { htmlFor: commentId, textContent: t.whatMissing }),
        el('br'),
        el('textarea', { id: commentId, name: 'comment', rows: 2, cols: 40, maxLength: 1000 }),
        el('br'),
        el('button', { type: 'submit', textContent: t.send }),
      ],
    );
  }

  #date(iso) {
    return new Date(`${iso}T00:00:00Z`).toLocaleDateString(dateLocale(this.#language), {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
    });
  }
}
