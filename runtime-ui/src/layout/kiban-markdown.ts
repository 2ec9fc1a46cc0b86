import { css, html, LitElement } from 'lit';
import { baseStyles } from '../components/shared/index.ts';
import { markdownTemplate } from './markdown-template.ts';

/**
 * `<kiban-markdown>`: a page's Markdown text. It lives in its own module so that the
 * Markdown parser is fetched only by pages that have such a block.
 */
export class KibanMarkdown extends LitElement {
  static override properties = { content: {} };

  static override styles = [
    baseStyles,
    css`
      a {
        color: var(--kiban-accent);
        text-underline-offset: 0.2em;
      }
      img {
        max-width: 100%;
      }
      table {
        border-collapse: collapse;
      }
      th,
      td {
        padding: 0.5rem;
        border: 1px solid var(--kiban-border);
      }
    `,
  ];

  declare content: string;

  constructor() {
    super();
    this.content = '';
  }

  override render() {
    return html`${markdownTemplate(this.content)}`;
  }
}

if (!customElements.get('kiban-markdown')) customElements.define('kiban-markdown', KibanMarkdown);

declare global {
  interface HTMLElementTagNameMap {
    'kiban-markdown': KibanMarkdown;
  }
}
