import { el, request } from './dom.js';
import { pageLanguage } from './language.js';
import { MY_BENEFITS_TEXT } from './my-benefits-text.js';

let instances = 0;

/**
 * "Benefits you may be eligible for" (#48) for the signed-in resident: the consent, explained
 * and withdrawable at any time, and — once given — the published benefits whose conditions the
 * resident's own records meet, as the engine's rules judge them (`knowledge.myBenefits`).
 */
export class KnowledgeMyBenefits extends HTMLElement {
  #language = 'ja';
  #state = 'loading';
  #consented = false;
  #benefits = [];
  #id = `knowledge-my-benefits-${++instances}`;

  get language() {
    return this.#language;
  }

  set language(value) {
    this.#language = pageLanguage(value, MY_BENEFITS_TEXT);
    if (this.isConnected) this.#render();
  }

  connectedCallback() {
    this.#load();
  }

  async #load(focus) {
    this.#state = 'loading';
    this.#render(focus);
    try {
      const mine = await request('/api/actions/knowledge.myBenefits', { body: {}, language: this.#language });
      this.#consented = mine.consented;
      this.#benefits = mine.benefits;
      this.#state = 'done';
    } catch {
      this.#state = 'failed';
    }
    this.#render(focus);
  }

  async #setConsent(consent) {
    try {
      await request('/api/actions/knowledge.setEligibilityConsent', { body: { consent }, language: this.#language });
    } catch {
      this.#state = 'failed';
      this.#render();
      return;
    }
    await this.#load(`#${this.#id}-consent`);
  }

  #render(focus) {
    const t = MY_BENEFITS_TEXT[this.#language];
    const consentId = `${this.#id}-consent`;
    const body = [
      el('h2', { textContent: t.heading }),
      el('p', { textContent: t.explain }),
      el('p', {}, [
        el('input', {
          type: 'checkbox',
          id: consentId,
          checked: this.#consented,
          disabled: this.#state === 'loading',
          onchange: (event) => this.#setConsent(event.currentTarget.checked),
        }),
        ' ',
        el('label', { htmlFor: consentId, textContent: t.consent }),
      ]),
      ...this.#list(t),
    ];
    this.replaceChildren(el('section', { lang: this.#language, className: 'knowledge-my-benefits' }, body));
    if (focus) this.querySelector(focus)?.focus();
  }

  #list(t) {
    const status = (textContent) => el('p', { role: 'status', className: 'summary', textContent });
    if (this.#state === 'loading') return [status(t.loading)];
    if (this.#state === 'failed') return [status(t.failed)];
    if (!this.#consented) return [status(t.notConsented)];
    if (this.#benefits.length === 0) return [status(t.none)];
    const detail = (label, value) =>
      value ? [el('dt', { textContent: label }), el('dd', { lang: 'ja', textContent: value })] : [];
    return [
      status(t.found(this.#benefits.length)),
      el(
        'ul',
        {},
        this.#benefits.map((benefit) =>
          el('li', {}, [
            el('h3', { lang: 'ja', textContent: benefit.name }),
            ...(benefit.summary ? [el('p', { lang: 'ja', textContent: benefit.summary })] : []),
            el('dl', {}, [
              ...detail(t.amount, benefit.amount),
              ...detail(t.howToApply, benefit.howToApply),
              ...detail(t.contact, benefit.contactDepartment),
              ...detail(t.until, benefit.validUntil),
            ]),
          ]),
        ),
      ),
    ];
  }
}
