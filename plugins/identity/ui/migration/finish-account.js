import { call, el, languageOf } from '../texts.js';
import { TEXTS } from './texts.js';

/**
 * The page an imported account's emailed link opens: the resident confirms with a button (a mail
 * scanner opening the link uses nothing up), then goes on to the sign-in settings to set a method.
 */
export class FinishAccount extends HTMLElement {
  connectedCallback() {
    const t = TEXTS[languageOf(this)];
    const status = el('p', { role: 'status' });
    const confirm = el('button', { type: 'button', textContent: t.finishConfirm });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      try {
        const { next } = await call('POST', '/api/public/identity/account/verify', {
          token: this.getAttribute('token') ?? '',
        });
        location.assign(`${next}?lang=${encodeURIComponent(languageOf(this))}`);
      } catch (failure) {
        status.textContent = t.finishFailed[failure.answer?.code] ?? t.finishFailed.other;
      }
    });
    this.replaceChildren(
      el('h1', { textContent: t.finishTitle }),
      el('p', { textContent: t.finishLead }),
      status,
      confirm,
    );
  }
}
