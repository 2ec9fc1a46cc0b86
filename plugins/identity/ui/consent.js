import { ATTRIBUTE_LABELS, call, el, languageOf, text } from './texts.js';

/**
 * An OpenID service's first sign-in: the attributes it asks for, each to grant or refuse. The
 * decision is a form post, so the browser follows the provider's redirect back to the service.
 */
export class Consent extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    const labels = ATTRIBUTE_LABELS[languageOf(this)];
    const uid = this.getAttribute('interaction') ?? '';
    const asked = await call('GET', `/api/public/identity/interaction/${encodeURIComponent(uid)}`);
    const client = asked.client.name ?? asked.client.id;
    const choices = asked.attributes.map((attribute) =>
      el('li', {}, [
        el('input', {
          type: 'checkbox',
          id: `grant-${attribute.name}`,
          name: 'grant',
          value: attribute.name,
          checked: true,
        }),
        el('label', { for: `grant-${attribute.name}`, textContent: labels[attribute.name] ?? attribute.name }),
      ]),
    );
    const decide = el('form', { method: 'post', action: asked.decide }, [
      el('fieldset', {}, [el('legend', { textContent: t.consentLead(client) }), el('ul', {}, choices)]),
      el('button', { type: 'submit', textContent: t.agree }),
    ]);
    const refuse = el('form', { method: 'post', action: asked.decide.replace(/\/consent$/, '/abort') }, [
      el('button', { type: 'submit', textContent: t.refuse }),
    ]);
    this.replaceChildren(el('h1', { textContent: t.consentTitle }), decide, refuse);
  }
}
