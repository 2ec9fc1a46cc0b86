import type { LitElement } from 'lit';
import { defineDesignerElements } from '../../src/define.ts';
import { KibanJsonEditor } from '../../src/editor/kiban-json-editor.ts';
import { defineStandInEditors, textareaEditorLoader } from './stand-ins.ts';

defineDesignerElements();
defineStandInEditors();
KibanJsonEditor.loader = textareaEditorLoader;

const mounted: HTMLElement[] = [];

/** Creates `tag` with `properties`, attaches it to the page and waits for its first render. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  properties: Partial<HTMLElementTagNameMap[K]>,
): Promise<HTMLElementTagNameMap[K]> {
  const element = document.createElement(tag);
  Object.assign(element, properties);
  document.body.append(element);
  mounted.push(element);
  await settle(element as unknown as LitElement);
  return element;
}

export async function settle(element: Element): Promise<void> {
  while (!(await (element as LitElement).updateComplete)) {
    // updateComplete resolves false while another update is pending.
  }
}

export function unmountAll(): void {
  for (const element of mounted.splice(0)) element.remove();
  localStorage.clear();
}

/** The first element matching `selector` in `host`'s shadow root, looking through nested shadow roots. */
export function deep<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = deepAll<T>(host, selector)[0];
  if (!found) throw new Error(`No ${selector} inside <${host.localName}>`);
  return found;
}

export function deepAll<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  const root = host.shadowRoot;
  if (!root) return [];
  const here = [...root.querySelectorAll<T>(selector)];
  const nested = [...root.querySelectorAll('*')]
    .filter((each) => each.shadowRoot)
    .flatMap((each) => deepAll<T>(each, selector));
  return [...here, ...nested];
}

export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Polls `condition` (every 10 ms, up to 3 s) for what arrives asynchronously. */
export async function waitUntil(condition: () => boolean, what = String(condition)): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited >= 3000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Text of `host`'s shadow tree, nested shadow roots included. */
export function deepText(host: Element): string {
  const root = host.shadowRoot;
  if (!root) return host.textContent ?? '';
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ');
}
