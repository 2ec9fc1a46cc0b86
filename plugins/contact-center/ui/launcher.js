import { el } from './common.js';
import { launcherText } from './launcher-texts.js';

let launchers = 0;

/**
 * The chat launcher the resident portal draws beside every page (`ui.portalWidgets`): a button
 * that unfolds the resident chat in a panel over the page and folds it away again — the
 * button, the panel's close button or Escape inside it, focus back on the button. The chat is
 * made on first opening and kept: the portal keeps this element across page changes, so a
 * conversation goes on while the resident reads other pages. The shell sets `language` on every
 * render; the labels follow it.
 */
export class ContactCenterLauncher extends HTMLElement {
  /** The portal's shared connection (`PortalRealtime`), handed to the chat. */
  realtime = null;
  #language = 'ja';
  #panelId = `contact-center-launcher-${++launchers}`;
  #toggle = null;
  #close = null;
  #panel = null;
  #chat = null;

  get language() {
    return this.#language;
  }

  set language(language) {
    this.#language = language;
    this.#label();
  }

  connectedCallback() {
    if (this.#toggle) return;
    this.#toggle = el('button', { type: 'button', ariaExpanded: 'false' });
    this.#toggle.setAttribute('aria-controls', this.#panelId);
    this.#toggle.addEventListener('click', () => this.#show(this.#panel.hidden));
    this.#close = el('button', { type: 'button' });
    this.#close.addEventListener('click', () => this.#show(false));
    this.#panel = el('div', { id: this.#panelId, hidden: true }, [this.#close]);
    this.#panel.addEventListener('keydown', (event) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      this.#show(false);
    });
    // Over the page, bottom right; system colours keep the contrast in light, dark and forced colours.
    Object.assign(this.#panel.style, {
      position: 'fixed',
      insetInlineEnd: '1rem',
      insetBlockEnd: '4rem',
      zIndex: '10',
      inlineSize: 'min(28rem, calc(100vw - 2rem))',
      maxBlockSize: 'calc(100vh - 6rem)',
      overflow: 'auto',
      padding: '1rem',
      background: 'Canvas',
      color: 'CanvasText',
      border: '1px solid CanvasText',
    });
    Object.assign(this.#toggle.style, {
      position: 'fixed',
      insetInlineEnd: '1rem',
      insetBlockEnd: '1rem',
      zIndex: '10',
    });
    this.append(this.#toggle, this.#panel);
    this.#label();
  }

  #label() {
    if (!this.#toggle) return;
    const t = launcherText(this.#language);
    this.#toggle.textContent = t.open;
    this.#close.textContent = t.close;
  }

  #show(open) {
    if (open && !this.#chat) {
      this.#chat = el('contact-center-chat', { language: this.#language, realtime: this.realtime });
      this.#panel.append(this.#chat);
    }
    this.#panel.hidden = !open;
    this.#toggle.ariaExpanded = String(open);
    if (open) (this.#chat.querySelector('button:not([hidden])') ?? this.#close).focus();
    else this.#toggle.focus();
  }
}
