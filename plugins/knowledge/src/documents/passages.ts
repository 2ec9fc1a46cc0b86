import { marked, type Token, type Tokens } from 'marked';
import { parse } from 'parse5';

/** A citable piece of a document: its section (the heading path) and, for paged formats, its page. */
export interface Passage {
  section: string;
  text: string;
  page?: number;
}

/** Passages longer than this are cut at sentence ends so that a hit points near its answer. */
const MAX_PASSAGE = 800;

/** A section's text as passages of at most 800 characters, cut at sentence ends. */
export function splitPassages(section: string, text: string, page?: number): Passage[] {
  const out: Passage[] = [];
  let current = '';
  for (const sentence of text.split(/(?<=[。！？\n])/u)) {
    if (current && current.length + sentence.length > MAX_PASSAGE) {
      out.push({ section, text: current.trim(), page });
      current = '';
    }
    current += sentence;
  }
  if (current.trim()) out.push({ section, text: current.trim(), page });
  return out;
}

class SectionCollector {
  #headings: string[] = [];
  #text = '';
  readonly passages: Passage[] = [];

  heading(level: number, title: string): void {
    this.flush();
    this.#headings = [...this.#headings.slice(0, level - 1), title.trim()];
  }

  add(text: string): void {
    if (text.trim()) this.#text += `${text.trim()}\n`;
  }

  flush(): void {
    if (this.#text.trim()) this.passages.push(...splitPassages(this.#headings.filter(Boolean).join(' > '), this.#text));
    this.#text = '';
  }
}

/** Markdown: one passage per section (ATX or setext headings), text of paragraphs, lists and tables. */
export function markdownPassages(markdown: string): Passage[] {
  const collector = new SectionCollector();
  const walk = (tokens: Token[]) => {
    for (const token of tokens) {
      if (token.type === 'heading') collector.heading((token as Tokens.Heading).depth, (token as Tokens.Heading).text);
      else if (token.type === 'list') for (const item of (token as Tokens.List).items) collector.add(`・${item.text}`);
      else if (token.type === 'table') {
        const table = token as Tokens.Table;
        for (const row of table.rows) collector.add(row.map((cell) => cell.text).join(' / '));
      } else if ('text' in token && typeof token.text === 'string' && token.type !== 'space') collector.add(token.text);
    }
  };
  walk(marked.lexer(markdown));
  collector.flush();
  return collector.passages;
}

interface HtmlNode {
  nodeName: string;
  value?: string;
  childNodes?: HtmlNode[];
}

const SKIPPED = new Set(['script', 'style', 'nav', 'header', 'footer', 'noscript', 'template']);
const BLOCKS = new Set(['p', 'li', 'td', 'th', 'dd', 'dt', 'pre', 'blockquote', 'caption', 'figcaption']);

function textOf(node: HtmlNode): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (SKIPPED.has(node.nodeName)) return '';
  return (node.childNodes ?? []).map(textOf).join('');
}

/** HTML: one passage per section under h1–h6, the text of paragraphs, list items and cells; scripts, navigation and footers left out. */
export function htmlPassages(html: string): Passage[] {
  const collector = new SectionCollector();
  const walk = (node: HtmlNode) => {
    if (SKIPPED.has(node.nodeName)) return;
    const heading = /^h([1-6])$/.exec(node.nodeName);
    if (heading) {
      collector.heading(Number(heading[1]), textOf(node).replace(/\s+/gu, ' '));
      return;
    }
    if (BLOCKS.has(node.nodeName)) {
      collector.add(textOf(node).replace(/[ \t]+/gu, ' '));
      return;
    }
    for (const child of node.childNodes ?? []) walk(child);
  };
  walk(parse(html) as unknown as HtmlNode);
  collector.flush();
  return collector.passages;
}

/** The passages of a document by its file name's extension; an unknown format is an error naming it. */
export function documentPassages(fileName: string, content: string): Passage[] {
  if (/\.(md|markdown)$/iu.test(fileName)) return markdownPassages(content);
  if (/\.html?$/iu.test(fileName)) return htmlPassages(content);
  throw new Error(
    `${fileName}: only PDF (.pdf), Word (.docx), Markdown (.md) and HTML (.html) documents can be imported`,
  );
}
