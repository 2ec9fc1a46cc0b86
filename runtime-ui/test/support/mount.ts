import type { LitElement } from 'lit';
import { defineKibanElements } from '../../src/components/index.ts';

defineKibanElements();

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

/** Waits until the element has rendered everything its last change asked for. */
export async function settle(element: LitElement): Promise<void> {
  while (!(await element.updateComplete)) {
    // updateComplete resolves false while another update is pending.
  }
}

export function unmountAll(): void {
  for (const element of mounted.splice(0)) element.remove();
  localStorage.clear();
}

/** The first element matching `selector` in the component's shadow root; fails the test when absent. */
export function shadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`No ${selector} inside <${host.localName}>`);
  return found;
}

export function shadowAll<T extends Element = HTMLElement>(host: Element, selector: string): T[] {
  return [...(host.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

/** Types into an input the way a browser reports it: value, then an `input` event. */
export function typeInto(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** Resolves with the next event of `type` from `target`. */
export function nextEvent<T = unknown>(target: EventTarget, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) =>
    target.addEventListener(type, (event) => resolve(event as CustomEvent<T>), { once: true }),
  );
}

/** Polls `condition` (every 10 ms, up to 2 s) for what arrives asynchronously, such as a fetched page. */
export async function waitUntil(condition: () => boolean, ms = 2000): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited >= ms) throw new Error(`Timed out waiting for ${condition}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
