import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from './support/browser.ts';
import { type PortalServer, startPortalServer } from './support/portal-server.ts';

/** A certificate request whose form asks for a proof of identity (a file field). */
const CERTIFICATES = resolve(import.meta.dirname, 'fixtures-attachments');
const PDF = Buffer.from(`%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n${' '.repeat(2000)}\n%%EOF\n`, 'latin1');

/**
 * A resident attaches a document to a form in Chromium, against the engine: the file widget
 * under the portal's CSP, the record created first, then the upload, type detected by the
 * engine from the bytes, and the same bytes back through the record's policies.
 */
describe('attaching a file to a resident form in Chromium', () => {
  let server: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortalServer([CERTIFICATES]);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends the chosen file after the record, and the resident reads back the same bytes', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    const account = { username: 'kana', password: 'a-long-enough-passphrase' };
    const signUp = await context.request.post(`${server.origin}/api/auth/signup`, {
      data: { ...account, displayName: '佐藤 かな' },
    });
    expect(signUp.status()).toBe(202);
    const signIn = await context.request.post(`${server.origin}/api/auth/login`, { data: account });
    expect(signIn.status()).toBe(200);
    await page.goto(`${server.origin}/certificate`);
    const input = page.locator('kiban-form input#field-document');
    await input.waitFor({ state: 'attached' });
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('使いみち').fill('就職の手続き');
    await input.setInputFiles({ name: '運転免許証.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('運転免許証.pdf').waitFor();
    await page.locator('kiban-form button[type=submit]').click();
    await page.getByText('送信しました。ありがとうございました。').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);

    const list = await context.request.get(`${server.origin}/api/data/Certificate`);
    const [record] = (await list.json()).items;
    expect(record.document).toMatchObject({
      name: '運転免許証.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
    });
    const file = await context.request.get(`${server.origin}/api/data/Certificate/${record.id}/files/document`);
    expect(file.status()).toBe(200);
    expect(Buffer.from(await file.body()).equals(PDF)).toBe(true);
    await context.close();
  });
});
