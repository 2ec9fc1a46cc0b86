import { ATTRIBUTE_LABELS, call, el, languageOf, text } from './texts.js';

/** "My connected services": each service the resident granted, what it gets, and a button to revoke it. */
export class MyServices extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    const labels = ATTRIBUTE_LABELS[languageOf(this)];
    const { items } = await call('GET', '/api/plugins/identity/consents');
    const rows = items.map((consent) => {
      const revoke = el('button', {
        type: 'button',
        textContent: `${t.revoke}: ${consent.clientName ?? consent.clientId}`,
      });
      revoke.addEventListener('click', async () => {
        await call('DELETE', `/api/plugins/identity/consents/${encodeURIComponent(consent.clientId)}`);
        await this.connectedCallback();
      });
      const granted = consent.granted.map((name) => labels[name] ?? name).join('、');
      return el('li', {}, [
        el('strong', { textContent: consent.clientName ?? consent.clientId }),
        el('p', { textContent: `${t.granted}: ${granted || t.none}` }),
        revoke,
      ]);
    });
    this.replaceChildren(
      el('h2', { textContent: t.servicesTitle }),
      rows.length ? el('ul', {}, rows) : el('p', { textContent: t.none }),
    );
  }
}

/** "My sign-in methods": each method linked to the account and a button to remove it (never the last). */
export class MyMethods extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    const error = el('p', { role: 'alert' });
    const { items } = await call('GET', '/api/plugins/identity/methods');
    const rows = items.map((method) => {
      const name = `${t.kinds[method.kind]} ${method.kind === 'password' ? (method.totp ? t.withCode : '') : method.label}`;
      const remove = el('button', {
        type: 'button',
        textContent: `${t.remove}: ${name}`,
        disabled: items.length === 1,
      });
      remove.addEventListener('click', async () => {
        try {
          await call('POST', '/api/actions/identity.removeSignInMethod', { methodId: method.id });
          await this.connectedCallback();
        } catch (failure) {
          error.textContent = failure.answer?.detail ?? failure.message;
        }
      });
      return el('li', {}, [el('span', { textContent: name }), remove]);
    });
    this.replaceChildren(
      el('h2', { textContent: t.methodsTitle }),
      error,
      rows.length ? el('ul', {}, rows) : el('p', { textContent: t.none }),
    );
  }
}
