import { el, getJson } from './common.js';
import { text } from './texts.js';

const CRM = '/api/plugins/crm';

/**
 * The CRM's resident 360 in the console, read through the CRM's own route as the operator: the
 * CRM decides what their role may see, requires a reason and audits every open. Nothing is
 * read until the operator chooses a reason and opens it.
 */
export class Resident360Panel {
  #host;
  #reasons;
  #body;
  #form;
  #resident = null;

  constructor(host) {
    this.#host = host;
    const t = text(host);
    const id = `cc-reason-${Math.random().toString(36).slice(2, 8)}`;
    this.#reasons = el('select', { id, name: 'reason' });
    this.#body = el('div');
    const form = el('form', { ariaLabel: t.open360 }, [
      el('label', { htmlFor: id, textContent: t.reason }),
      this.#reasons,
      el('button', { type: 'submit', textContent: t.open360 }),
    ]);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.#open();
    });
    this.#form = form;
    this.element = el('section', { ariaLabel: t.resident360, hidden: true }, [
      el('h4', { textContent: t.resident360 }),
      form,
      this.#body,
    ]);
  }

  /** Shows the panel for a conversation's resident (null for an anonymous visitor) when the CRM runs. */
  async show(resident, crmRuns) {
    const t = text(this.#host);
    this.#resident = resident;
    this.element.hidden = !crmRuns;
    this.#body.replaceChildren();
    this.#form.hidden = !resident;
    if (!crmRuns) return;
    if (!resident) {
      this.#body.append(el('p', { textContent: t.no360 }));
      return;
    }
    if (this.#reasons.childElementCount > 0) return;
    const reasons = await getJson(`${CRM}/open-reasons`).catch(() => ({ items: [] }));
    const language = this.#host.language === 'en' ? 'en' : 'ja';
    this.#reasons.replaceChildren(
      ...reasons.items.map((reason) =>
        el('option', { value: reason.value, textContent: reason.label[language] ?? reason.label.ja }),
      ),
    );
  }

  async #open() {
    const response = await fetch(
      `${CRM}/residents/${encodeURIComponent(this.#resident)}?reason=${encodeURIComponent(this.#reasons.value)}`,
      { credentials: 'same-origin' },
    );
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      this.#body.replaceChildren(
        el('p', { role: 'status', textContent: answer.detail ?? answer.title ?? String(response.status) }),
      );
      return;
    }
    const t = text(this.#host);
    const profile = Object.entries(answer.profile ?? {}).filter(
      ([key, value]) => value !== null && value !== '' && !['id', 'principal', 'version', 'owner'].includes(key),
    );
    this.#body.replaceChildren(
      el(
        'dl',
        {},
        profile.flatMap(([key, value]) => [el('dt', { textContent: key }), el('dd', { textContent: String(value) })]),
      ),
      el('h5', { textContent: t.timeline }),
      el(
        'ul',
        {},
        (answer.timeline ?? []).slice(0, 20).map((entry) =>
          el('li', {
            textContent: `${entry.at.slice(0, 10)} ${entry.title}${entry.state ? `（${entry.state}）` : ''}`,
          }),
        ),
      ),
    );
  }
}
