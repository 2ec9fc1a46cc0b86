/**
 * Drives the built designer in the Debian Chromium against a running engine, under the
 * engine's own Content-Security-Policy: signs in, checks that monaco is not requested before
 * the JSON tab opens, opens it, waits for monaco and its workers, types an error the schema
 * catches, and photographs each step into `test-output/screenshots/`.
 *
 *   node designer/scripts/check-page.ts http://127.0.0.1:3000 admin <password>
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Request } from 'playwright-core';

const [origin = 'http://127.0.0.1:3000', username = 'admin', password = ''] = process.argv.slice(2);
const shots = join(import.meta.dirname, '../../test-output/screenshots');
mkdirSync(shots, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.KIBAN_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const problems: string[] = [];
const requested: string[] = [];
try {
  const page = await browser.newPage({ locale: 'ja-JP', viewport: { width: 1280, height: 900 } });
  page.on('console', (message) => {
    const text = message.text();
    // Before sign-in, GET /api/auth/me answers 401: that is how the shell learns nobody is signed in.
    if (text.includes('status of 401')) return;
    if (message.type() === 'error' || text.includes('Content Security Policy')) problems.push(text);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('request', (request: Request) => requested.push(new URL(request.url()).pathname));
  const monacoRequested = () => requested.some((path) => /monaco|jsonMode|\.worker\.js|chunk-/.test(path));

  await page.goto(`${origin}/designer`);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('heading', { name: '定義の一覧' }).waitFor();
  await page.screenshot({ path: join(shots, 'designer-items.png'), fullPage: true });

  await page.getByRole('link', { name: 'Branch' }).first().click();
  await page.getByRole('tab', { name: 'ビジュアル' }).waitFor();
  await page.screenshot({ path: join(shots, 'designer-visual.png'), fullPage: true });
  if (monacoRequested()) throw new Error(`monaco requested before the JSON tab: ${requested.join(', ')}`);

  const before = requested.length;
  await page.getByRole('tab', { name: 'JSON' }).click();
  await page.locator('.monaco-editor').waitFor({ timeout: 20_000 });
  await page.waitForFunction(
    () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('json.worker')),
    undefined,
    { timeout: 20_000 },
  );
  console.log(`JSON tab requested: ${requested.slice(before).join(', ')}`);

  // An unknown field type: the schema's enum refuses it and monaco marks it.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+A');
  const bad = {
    kind: 'entity',
    name: 'Branch',
    label: { ja: '分館' },
    fields: [{ name: 'name', type: 'strang', label: { ja: '名' } }],
  };
  await page.keyboard.insertText(JSON.stringify(bad, null, 2));
  await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(shots, 'designer-json.png'), fullPage: true });
  console.log('monaco loaded on the JSON tab, its JSON worker ran and the schema marked an error');

  // The publish panel's dry run against the engine (nothing is published).
  await page.goto(`${origin}/designer/items/entity/Branch`);
  await page.getByRole('button', { name: '公開の準備' }).click();
  await page.getByRole('heading', { name: 'データベースの移行計画' }).waitFor();
  await page.screenshot({ path: join(shots, 'designer-publish-plan.png'), fullPage: true });
  console.log('the publish panel showed the dry run’s migration plan');
  await page.getByRole('button', { name: '履歴' }).click();
  await page.getByRole('heading', { name: '公開の履歴' }).waitFor();
  await page.getByRole('heading', { name: '差分' }).waitFor();
  await page.screenshot({ path: join(shots, 'designer-history.png'), fullPage: true });
  await page.getByRole('link', { name: 'パッケージ' }).click();
  await page.getByRole('heading', { name: 'メタデータパッケージ' }).waitFor();
  await page.screenshot({ path: join(shots, 'designer-packages.png'), fullPage: true });
} finally {
  await browser.close();
}
if (problems.length > 0) {
  console.error(`Problems in the page:\n${problems.join('\n')}`);
  process.exitCode = 1;
}
