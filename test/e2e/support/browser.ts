import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-output/screenshots');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const axeSource: string = createRequire(import.meta.url)('axe-core').source;

/** The Debian Chromium, headless; never a browser of playwright's own. `extraArgs` add switches (a fake camera). */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.KIBAN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}

/**
 * axe-core's WCAG 2.1 AA violations on the page, shadow roots included, as readable lines.
 * axe is evaluated through the DevTools protocol: the portal's Content-Security-Policy
 * (rightly) refuses an injected script tag.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
    );
  }, WCAG_21_AA);
}

/** A full-page screenshot into `test-output/screenshots/NAME.png`, for a reviewer to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** What has focus, looking into shadow roots: its id, type and text, to steer by keyboard. */
export function focused(page: Page): Promise<{ id: string; tag: string; type: string | null; text: string }> {
  return page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    return {
      id: element?.id ?? '',
      tag: element?.localName ?? '',
      type: element?.getAttribute('type') ?? null,
      text: element?.textContent?.trim() ?? '',
    };
  });
}

/** Presses Tab until `wanted` holds for the focused element; fails after `limit` presses. */
export async function tabTo(
  page: Page,
  wanted: (element: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 40,
): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    if (wanted(await focused(page))) return;
  }
  throw new Error(`Tab never reached the element wanted (${wanted})`);
}
