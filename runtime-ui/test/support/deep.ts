/**
 * Every element matching `selector` in `root` and in every shadow root below it. A leading
 * component tag scopes the rest to inside that component: `kiban-form select` finds the
 * selects in any `<kiban-form>`'s shadow tree, at any depth.
 */
export function deepAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const scoped = /^(kiban-[\w-]+)\s+(.+)$/.exec(selector);
  if (scoped) {
    const [, host, rest] = scoped;
    return deepAll(root, host).flatMap((element) => (element.shadowRoot ? deepAll<T>(element.shadowRoot, rest) : []));
  }
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  if (root instanceof Element && root.shadowRoot) found.push(...deepAll<T>(root.shadowRoot, selector));
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepAll<T>(element.shadowRoot, selector));
  }
  return found;
}

export function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | undefined {
  return deepAll<T>(root, selector)[0];
}

/** The visible text of everything under `root`, shadow roots included. */
export function deepText(root: ParentNode): string {
  return [...(root instanceof Element ? [root] : []), ...deepAll(root, '*')]
    .filter((element) => element.childNodes.length > 0)
    .flatMap((element) => [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE))
    .map((node) => node.textContent ?? '')
    .join(' ');
}

/** Polls until `find` returns something (every 10 ms, up to 3 s) and returns it. */
export async function eventually<T>(find: () => T | undefined | null | false, what = String(find)): Promise<T> {
  for (let waited = 0; ; waited += 10) {
    const found = find();
    if (found) return found;
    if (waited >= 3000) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Follows a link the way a click does, so the portal's router sees it. */
export function follow(link: HTMLAnchorElement): void {
  link.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true, button: 0 }));
}
