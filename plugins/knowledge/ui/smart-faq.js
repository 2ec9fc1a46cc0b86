import { TEXT } from './text.js';

let instances = 0;

function el(tag, properties = {}, children = []) {
  const node = document.createElement(tag);
  Object.assign(node, properties);
  node.append(...children);
  return node;
}

async function act(name, body, language) {
  const response = await fetch(`/api/actions/knowledge.${name}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'accept-language': language },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`knowledge.${name}: ${response.status}`);
  return response.json();
}

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

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = value === 'en' ? 'en' : 'ja';
    if (this.isConnected) this.#render();
  }

  get #text() {
    return TEXT[this.#language];
  }

  connectedCallback() {
    this.#render();
    act('areas', {}, this.#language)
      .then(({ areas }) => {
        this.#areas = areas;
        this.#renderAreas();
      })
      .catch(() => undefined);
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
      this.#response = await act('search', { query: this.#query, ...(city ? { city, area } : {}) }, this.#language);
      this.#state = 'done';
    } catch {
      this.#state = 'failed';
    }
    this.#renderAnswers();
    this.querySelector('.summary')?.focus();
  }

  async #rate(result, helpful) {
    const body = { query: this.#query, resultId: result.recordId, resultKind: result.kind, helpful };
    try {
      await act('feedback', body, this.#language);
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
        el('select', { id: areaId, name: 'area' }),
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
      el('button', { type: 'button', textContent: t.no, onclick: () => this.#rate(result, false) }),
    ]);
    group.setAttribute('aria-labelledby', questionId);
    return group;
  }

  #date(iso) {
    return new Date(`${iso}T00:00:00Z`).toLocaleDateString(this.#language === 'en' ? 'en' : 'ja-JP', {
      timeZone: 'UTC',
      year: 'numeric',
      month: 'long',
      day: 'numeric',
      weekday: 'short',
    });
  }
}
