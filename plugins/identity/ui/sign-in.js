import { call, el, text } from './texts.js';

/**
 * The sign-in page: username, password and (when set up) one-time code, and a link per upstream
 * provider. On success the browser goes on to `return` (a path on this site: an OpenID
 * interaction, say).
 */
export class SignIn extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    const back = safePath(this.getAttribute('return'));
    // A step-up (`assurance`) or a re-sign-in before linking (`again`) says why first.
    const assurance = this.getAttribute('assurance') ?? '';
    const query = assurance ? `?assurance=${encodeURIComponent(assurance)}` : '';
    const {
      upstreams,
      password,
      passkey: passkeyOffered,
    } = await call('GET', `/api/public/identity/sign-in-options${query}`);
    const lead =
      assurance === 'jpki'
        ? t.stepUpJpki
        : assurance === 'substantial'
          ? t.stepUpStronger
          : this.hasAttribute('again')
            ? t.signInAgain
            : '';
    const error = el('p', { role: 'alert', className: 'error' });
    const field = (id, label, type, autocomplete) =>
      el('p', {}, [el('label', { for: id, textContent: label }), el('input', { id, name: id, type, autocomplete })]);
    const form = el('form', {}, [
      field('username', t.username, 'text', 'username'),
      field('password', t.password, 'password', 'current-password'),
      field('code', t.code, 'text', 'one-time-code'),
      el('button', { type: 'submit', textContent: t.signIn }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const code = String(data.get('code') ?? '').trim();
      try {
        await call('POST', '/api/public/identity/password/sign-in', {
          username: String(data.get('username')),
          password: String(data.get('password')),
          ...(code ? { code } : {}),
        });
        location.assign(back);
      } catch (failure) {
        error.textContent = failure.answer?.detail ?? t.signInFailed;
      }
    });
    const passkey = el('button', { type: 'button', textContent: t.passkey });
    passkey.addEventListener('click', async () => {
      try {
        const { challengeId, options } = await call('POST', '/api/public/identity/passkey/options', {});
        const credential = await navigator.credentials.get({
          publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options),
        });
        await call('POST', '/api/public/identity/passkey/sign-in', { challengeId, response: credential.toJSON() });
        location.assign(back);
      } catch (failure) {
        error.textContent = failure.answer?.detail ?? t.signInFailed;
      }
    });
    const others = upstreams.map((upstream) =>
      el('li', {}, [
        el('a', {
          href: `/api/public/identity/upstream/${encodeURIComponent(upstream.id)}/start?return=${encodeURIComponent(back)}`,
          textContent: upstream.label,
        }),
      ]),
    );
    const webAuthn = passkeyOffered && window.PublicKeyCredential?.parseRequestOptionsFromJSON;
    this.replaceChildren(
      el('h1', { textContent: t.signInTitle }),
      ...(lead ? [el('p', { className: 'lead', textContent: lead })] : []),
      error,
      ...(password ? [form] : []),
      ...(webAuthn ? [el('p', {}, [passkey])] : []),
      ...(others.length > 0 ? [el('h2', { textContent: t.or }), el('ul', {}, others)] : []),
    );
  }
}

function safePath(path) {
  return path?.startsWith('/') && !path.startsWith('//') && !path.includes('\\') ? path : '/';
}
