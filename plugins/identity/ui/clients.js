import { ATTRIBUTE_LABELS, call, el, languageOf, text } from './texts.js';

/** The staff page: registered services, a form registering one (the secret shown once), and disabling one. */
export class Clients extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    const labels = ATTRIBUTE_LABELS[languageOf(this)];
    const notice = el('p', { role: 'status' });
    const { items } = await call('POST', '/api/actions/identity.listClients', {});
    const rows = items.map((client) => {
      const disable = el('button', {
        type: 'button',
        textContent: `${t.disable}: ${client.name}`,
        disabled: client.disabled,
      });
      disable.addEventListener('click', async () => {
        await call('POST', '/api/actions/identity.disableClient', { clientId: client.clientId });
        await this.connectedCallback();
      });
      const state = client.disabled ? `（${t.disabled}）` : '';
      return el('li', {}, [
        el('span', { textContent: `${client.name}${state} ${client.redirectUris.join(' ')}` }),
        disable,
      ]);
    });
    const attributes = Object.entries(labels).map(([name, label]) =>
      el('li', {}, [
        el('input', { type: 'checkbox', id: `attribute-${name}`, name: 'attribute', value: name }),
        el('label', { for: `attribute-${name}`, textContent: label }),
      ]),
    );
    const form = el('form', {}, [
      el('p', {}, [
        el('label', { for: 'client-name', textContent: t.name }),
        el('input', { id: 'client-name', name: 'name', required: true }),
      ]),
      el('p', {}, [
        el('label', { for: 'client-redirect', textContent: t.redirectUri }),
        el('input', { id: 'client-redirect', name: 'redirectUri', type: 'url', required: true }),
      ]),
      el('fieldset', {}, [el('legend', { textContent: t.attributes }), el('ul', {}, attributes)]),
      el('button', { type: 'submit', textContent: t.register }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      try {
        const registered = await call('POST', '/api/actions/identity.registerClient', {
          name: String(data.get('name')),
          redirectUris: [String(data.get('redirectUri'))],
          attributes: data.getAll('attribute').map(String),
        });
        await this.connectedCallback();
        this.querySelector('[role="status"]').textContent = t.secretOnce(registered.clientId, registered.clientSecret);
      } catch (failure) {
        notice.textContent = failure.answer?.detail ?? failure.message;
      }
    });
    this.replaceChildren(
      el('h1', { textContent: t.clientsTitle }),
      notice,
      rows.length ? el('ul', {}, rows) : el('p', { textContent: t.none }),
      form,
    );
  }
}
