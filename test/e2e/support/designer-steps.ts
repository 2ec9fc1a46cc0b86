import type { Locator, Page } from 'playwright-core';
import type { DesignerServer } from './designer-server.ts';

/**
 * What a staff member does in the designer, step by step, each waiting for what the designer
 * shows when the step is done (never for a fixed time). Locators pierce the shadow roots.
 */

/** The open item's `<kiban-editor-frame>`. */
export function editorFrame(page: Page): Locator {
  return page.locator('kiban-editor-frame');
}

export async function signInToDesigner(page: Page, server: DesignerServer): Promise<void> {
  await page.goto(`${server.origin}/designer`);
  await page.getByLabel('ユーザー名').fill(server.admin.username);
  await page.getByLabel('パスワード').fill(server.admin.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '定義の一覧', level: 1 }).waitFor();
}

async function waitForEditorOf(page: Page, name: string): Promise<void> {
  await editorFrame(page).getByRole('heading', { name, exact: true, level: 1 }).waitFor();
}

/** "Create new" in the item browser: a template of `kind`, opened in its editor. */
export async function createItem(page: Page, kind: string, name: string): Promise<void> {
  const browser = page.locator('kiban-item-browser');
  await browser.getByLabel('種類').selectOption(kind);
  await browser.locator('#new-name').fill(name);
  await browser.getByRole('button', { name: '作成して開く' }).click();
  await waitForEditorOf(page, name);
}

/** Opens a published item (or draft) from the list of its kind. */
export async function openItem(page: Page, kind: string, name: string): Promise<void> {
  await page
    .locator(`kiban-item-browser section[data-kind="${kind}"]`)
    .getByRole('link', { name, exact: true })
    .click();
  await waitForEditorOf(page, name);
}

export async function backToList(page: Page): Promise<void> {
  await page.getByRole('link', { name: '一覧に戻る' }).click();
  await page.getByRole('heading', { name: '定義の一覧', level: 1 }).waitFor();
}

/**
 * Replaces the item's text in the JSON view (monaco): select all, then the new text as one
 * insertion, which monaco's auto-closing of brackets and quotes leaves alone. Waits until the
 * frame holds the parsed item, so the visual view and a save see it.
 */
export async function replaceJson(page: Page, item: object): Promise<void> {
  const frame = editorFrame(page);
  await frame.getByRole('tab', { name: 'JSON' }).click();
  await frame.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(JSON.stringify(item, null, 2));
  await page.waitForFunction((expected) => {
    const app = document.querySelector('kiban-designer-app');
    const held = (app?.shadowRoot?.querySelector('kiban-editor-frame') as { item?: unknown } | null)?.item;
    return JSON.stringify(held) === expected;
  }, JSON.stringify(item));
}

/** Saves the draft; answers the validation errors the draft check listed (none, usually). */
export async function saveDraft(page: Page): Promise<string[]> {
  const frame = editorFrame(page);
  await frame.getByRole('button', { name: '下書きを保存' }).click();
  await frame.getByText(/下書きを保存しました（リビジョン \d+）。/).waitFor();
  return frame.locator('.notice.errors li').allTextContents();
}

/**
 * Publishes the open item the careful way: "prepare publication" runs the dry run and shows
 * the migration plan (`atPlan` looks at it), then "publish" and its confirmation.
 */
export async function publish(page: Page, atPlan?: (panel: Locator) => Promise<void>): Promise<void> {
  const frame = editorFrame(page);
  await frame.getByRole('button', { name: '公開の準備' }).click();
  const panel = frame.locator('kiban-publish-panel');
  await panel.getByRole('heading', { name: 'データベースの移行計画' }).waitFor();
  await atPlan?.(panel);
  await panel.getByRole('button', { name: '公開する' }).click();
  await panel.getByText(/公開しました（公開番号 .+）。/).waitFor();
}
