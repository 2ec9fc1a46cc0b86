import { html, nothing, type TemplateResult } from 'lit';
import { Lexer, type MarkedToken, type Token, type Tokens } from 'marked';

type Rendered = TemplateResult | string | typeof nothing;

/** Schemes a link or image of a page may use: the web, mail addresses and phone numbers. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:']);

interface Target {
  href: string;
  /** Leads to another site (or out of the browser, for mail and phone). */
  offSite: boolean;
}

/**
 * Where a link really goes, decided by the browser's own URL parser rather than by the look
 * of the text: `//host` and `/\host` (a backslash counts as a slash) are other sites, and
 * blanks or control characters before `javascript:` do not hide the scheme. An off-site
 * target is written out in full, so what the reader hovers is where they go.
 */
function target(href: string): Target | undefined {
  let url: URL;
  try {
    url = new URL(href, document.baseURI);
  } catch {
    return undefined;
  }
  if (!SAFE_SCHEMES.has(url.protocol)) return undefined;
  const offSite = url.origin !== location.origin;
  return { href: offSite ? url.href : href, offSite };
}

/**
 * Markdown content of a page as Lit templates. marked only tokenises; this turns the tokens
 * into templates, so every text goes through Lit's escaping: raw HTML in the content shows as
 * text and never becomes markup, and a link with another scheme (`javascript:`) is plain text.
 * The page's own title is the `<h1>`, so `#` and `##` both become `<h2>`.
 */
export function markdownTemplate(source: string): TemplateResult {
  const tokens = new Lexer({ gfm: true }).lex(source);
  return html`${tokens.map(block)}`;
}

function block(token: Token): Rendered {
  const t = token as MarkedToken;
  switch (t.type) {
    case 'heading':
      return heading(t);
    case 'paragraph':
      return html`<p>${inline(t.tokens)}</p>`;
    case 'list':
      return list(t);
    case 'blockquote':
      return html`<blockquote>${t.tokens.map(block)}</blockquote>`;
    case 'code':
      return html`<pre><code>${t.text}</code></pre>`;
    case 'hr':
      return html`<hr />`;
    case 'table':
      return table(t);
    case 'space':
      return nothing;
    case 'text':
      return html`<p>${t.tokens ? inline(t.tokens) : t.text}</p>`;
    default:
      return html`<p>${t.raw}</p>`;
  }
}

function heading(token: Tokens.Heading): TemplateResult {
  const content = inline(token.tokens);
  switch (Math.max(token.depth, 2)) {
    case 2:
      return html`<h2>${content}</h2>`;
    case 3:
      return html`<h3>${content}</h3>`;
    case 4:
      return html`<h4>${content}</h4>`;
    case 5:
      return html`<h5>${content}</h5>`;
    default:
      return html`<h6>${content}</h6>`;
  }
}

function list(token: Tokens.List): TemplateResult {
  const items = token.items.map((item) => html`<li>${item.tokens.map(listItemPart)}</li>`);
  return token.ordered ? html`<ol start=${Number(token.start) || 1}>${items}</ol>` : html`<ul>${items}</ul>`;
}

/** A tight list item's text is inline; anything else inside it is a block. */
function listItemPart(token: Token): Rendered {
  const t = token as MarkedToken;
  if (t.type === 'text') return t.tokens ? html`${inline(t.tokens)}` : t.text;
  if (t.type === 'checkbox') return nothing;
  return block(token);
}

function table(token: Tokens.Table): TemplateResult {
  return html`<table>
    <thead>
      <tr>
        ${token.header.map((cell) => html`<th scope="col">${inline(cell.tokens)}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${token.rows.map((row) => html`<tr>${row.map((cell) => html`<td>${inline(cell.tokens)}</td>`)}</tr>`)}
    </tbody>
  </table>`;
}

function inline(tokens: Token[]): Rendered[] {
  return tokens.map((token) => {
    const t = token as MarkedToken;
    switch (t.type) {
      case 'strong':
        return html`<strong>${inline(t.tokens)}</strong>`;
      case 'em':
        return html`<em>${inline(t.tokens)}</em>`;
      case 'del':
        return html`<del>${inline(t.tokens)}</del>`;
      case 'codespan':
        return html`<code>${t.text}</code>`;
      case 'br':
        return html`<br />`;
      case 'link':
        return link(t);
      case 'image': {
        const image = target(t.href);
        return image ? html`<img src=${image.href} alt=${t.text} />` : t.text;
      }
      case 'text':
      case 'escape':
        return t.text;
      default:
        return t.raw;
    }
  });
}

/** Off-site links get neither the opener nor the referrer: the other site learns nothing of this page. */
function link(token: Tokens.Link): Rendered {
  const to = target(token.href);
  if (!to) return html`${inline(token.tokens)}`;
  return html`<a
    href=${to.href}
    title=${token.title ?? nothing}
    rel=${to.offSite ? 'external noopener noreferrer' : nothing}
    >${inline(token.tokens)}</a
  >`;
}
