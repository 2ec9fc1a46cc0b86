import { call, el, text } from './texts.js';

/**
 * The resident's sign-in settings: set or change the password, turn on a one-time code (QR code
 * or key to type, then a first code; the recovery codes are shown once), and add a passkey.
 * Each section talks to the plugin's actions with the resident's session.
 */
export class Security extends HTMLElement {
  async connectedCallback() {
    const t = text(this);
    let methods;
    try {
      ({ items: methods } = await call('GET', '/api/plugins/identity/methods'));
    } catch {
      const back = encodeURIComponent(`${location.pathname}${location.search}`);
      this.replaceChildren(
        el('h1', { textContent: t.securityTitle }),
        el('p', {}, [
          el('a', { href: `/api/public/identity/pages/sign-in?return=${back}`, textContent: t.signInFirst }),
        ]),
      );
      return;
    }
    const password = methods.find((method) => method.kind === 'password');
    this.replaceChildren(
      el('h1', { textContent: t.securityTitle }),
      this.passwordSection(t, password !== undefined),
      this.totpSection(t, password),
      ...(window.PublicKeyCredential?.parseCreationOptionsFromJSON ? [this.passkeySection(t)] : []),
    );
  }

  passwordSection(t, hasPassword) {
    const status = el('p', { role: 'status' });
    const fields = [
      ...(hasPassword ? [field('current-password', t.currentPassword, 'password', 'current-password')] : []),
      field('new-password', t.newPassword, 'password', 'new-password'),
    ];
    const form = el('form', { 'aria-labelledby': 'password-title' }, [
      ...fields,
      el('button', { type: 'submit', textContent: hasPassword ? t.changePassword : t.setPassword }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const current = data.get('current-password');
      try {
        await call('POST', '/api/actions/identity.setPassword', {
          password: String(data.get('new-password')),
          ...(current === null ? {} : { currentPassword: String(current) }),
        });
        await this.connectedCallback();
        this.querySelector('#password-title + [role="status"]').textContent = t.passwordSaved;
      } catch (failure) {
        status.textContent = problemText(failure, t);
      }
    });
    return el('section', {}, [el('h2', { id: 'password-title', textContent: t.passwordTitle }), status, form]);
  }

  totpSection(t, password) {
    const heading = el('h2', { id: 'totp-title', textContent: t.totpTitle });
    if (!password) return el('section', {}, [heading, el('p', { textContent: t.totpNeedsPassword })]);
    if (password.totp) return el('section', {}, [heading, el('p', { textContent: t.totpOn })]);
    const status = el('p', { role: 'status' });
    const begin = el('button', { type: 'button', textContent: t.totpStart });
    const section = el('section', {}, [heading, el('p', { textContent: t.totpLead }), status, begin]);
    begin.addEventListener('click', async () => {
      try {
        const { otpauthUri, qrCode } = await call('POST', '/api/actions/identity.startTotp', {});
        const key = new URL(otpauthUri).searchParams.get('secret') ?? '';
        const form = el('form', { 'aria-labelledby': 'totp-title' }, [
          field('totp-code', t.totpCode, 'text', 'one-time-code', { inputMode: 'numeric', pattern: '[0-9]{6}' }),
          el('button', { type: 'submit', textContent: t.totpConfirm }),
        ]);
        form.addEventListener('submit', (event) => {
          event.preventDefault();
          void this.confirmTotp(t, section, status, String(new FormData(form).get('totp-code')).trim());
        });
        begin.replaceWith(
          el('img', { src: qrCode, alt: t.totpQrAlt, width: 200, height: 200 }),
          el('p', {}, [el('span', { textContent: `${t.totpKey}: ` }), el('code', { textContent: key })]),
          form,
        );
      } catch (failure) {
        status.textContent = problemText(failure, t);
      }
    });
    return section;
  }

  async confirmTotp(t, section, status, code) {
    try {
      const { recoveryCodes } = await call('POST', '/api/actions/identity.confirmTotp', { code });
      // Shown here once; the server keeps only their digests.
      section.replaceChildren(
        section.querySelector('h2'),
        el('p', { role: 'status', textContent: t.totpOn }),
        el('h3', { textContent: t.recoveryTitle }),
        el('p', { textContent: t.recoveryLead }),
        el(
          'ul',
          {},
          recoveryCodes.map((each) => el('li', {}, [el('code', { textContent: each })])),
        ),
      );
    } catch (failure) {
      status.textContent = problemText(failure, t);
    }
  }

  passkeySection(t) {
    const status = el('p', { role: 'status' });
    const form = el('form', { 'aria-labelledby': 'passkey-title' }, [
      field('passkey-label', t.passkeyLabel, 'text', 'off'),
      el('button', { type: 'submit', textContent: t.passkeyAdd }),
    ]);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const label = String(new FormData(form).get('passkey-label')).trim() || t.passkeyDefaultLabel;
      try {
        const { challengeId, options } = await call('POST', '/api/actions/identity.passkeyRegistrationOptions', {});
        const credential = await navigator.credentials.create({
          publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options),
        });
        await call('POST', '/api/actions/identity.registerPasskey', {
          challengeId,
          response: credential.toJSON(),
          label,
        });
        status.textContent = t.passkeyAdded(label);
        form.reset();
      } catch (failure) {
        status.textContent = problemText(failure, t);
      }
    });
    return el('section', {}, [el('h2', { id: 'passkey-title', textContent: t.passkeyTitle }), status, form]);
  }
}

function field(id, label, type, autocomplete, extra = {}) {
  return el('p', {}, [
    el('label', { for: id, textContent: label }),
    el('input', { id, name: id, type, autocomplete, required: id !== 'passkey-label', ...extra }),
  ]);
}

/** The server's explanation (the field's reason first), or a general one when the browser itself refused. */
function problemText(failure, t) {
  const answer = failure.answer;
  if (!answer) return t.somethingFailed;
  const reasons = (answer.errors ?? []).map((each) => each.message).filter((each) => typeof each === 'string');
  return [answer.detail, ...reasons].filter(Boolean).join(' ');
}
