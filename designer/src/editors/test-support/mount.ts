import type { LitElement } from 'lit';
import { defineEditorElements } from '../define.ts';

defineEditorElements();

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

/** Types into an input the way a browser reports it: the value, `input`, then `change` as on leaving it. */
export function typeInto(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export function choose(select: HTMLSelectElement, value: string): void {
  select.value = value;
  select.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

export function toggle(checkbox: HTMLInputElement): void {
  checkbox.click();
}

/** Every `item-change` the element emits from now on, newest last. */
export function recordItemChanges<T>(target: EventTarget): T[] {
  const items: T[] = [];
  target.addEventListener('item-change', (event) => items.push((event as CustomEvent<{ item: T }>).detail.item));
  return items;
}
