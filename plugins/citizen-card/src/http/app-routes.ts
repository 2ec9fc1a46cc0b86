import { readFile } from 'node:fs/promises';
import type { Hono } from '@kiban/sdk';
import { PUBLIC_PATH } from '../settings.ts';
import { appBundle } from './app-bundle.ts';

const OFFLINE_SCOPE = `${PUBLIC_PATH}/offline/`;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
const SERVICE_WORKER = new URL('../../ui/sw.js', import.meta.url);

const PAGES: Record<string, { ja: string; en: string; tag: string }> = {
  card: { ja: 'デジタル市民カード', en: 'Digital citizen card', tag: 'citizen-card-wallet' },
  verify: { ja: '市民カードの確認', en: 'Check a citizen card', tag: 'citizen-card-verifier' },
  desk: { ja: '避難所の受付', en: 'Shelter desk', tag: 'citizen-card-shelter-desk' },
};

function page(name: string, language: 'ja' | 'en'): string | null {
  const found = PAGES[name];
  if (!found) return null;
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${found[language]}</title>
<script type="module" src="${PUBLIC_PATH}/app.js"></script>
</head>
<body>
<main data-offline-scope="${OFFLINE_SCOPE}">
<h1>${found[language]}</h1>
<${found.tag} language="${language}"></${found.tag}>
</main>
</body>
</html>`;
}

/**
 * The bundle, the offline pages (the card, the facility check) and their service worker, whose
 * scope is `/api/public/citizen-card/offline/`. The pages carry nothing personal: the card
 * comes from the signed-in API and stays in the browser.
 */
export function appRoutes(app: Hono): void {
  app.get('/app.js', async (c) =>
    c.body(await appBundle(), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/offline/sw.js', async (c) =>
    c.body(await readFile(SERVICE_WORKER, 'utf8'), 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
    }),
  );
  app.get('/offline/:page', (c) => {
    const language = c.req.query('lang') === 'en' ? 'en' : 'ja';
    const html = page(c.req.param('page'), language);
    if (!html) return c.notFound();
    return c.html(html, 200, { 'content-security-policy': CSP, 'cache-control': 'no-cache' });
  });
}
