import type { Hono, PluginContext } from '@kiban/sdk';
import type { Context } from 'hono';
import { type IdentitySettings, requireConfigured } from '../settings.ts';

/** Only the plugin's own module and same-origin calls; no inline script or style. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const PAGES = {
  'sign-in': { tag: 'identity-sign-in', title: { ja: 'サインイン', en: 'Sign in' }, attribute: 'return' },
  consent: {
    tag: 'identity-consent',
    title: { ja: '情報提供の確認', en: 'Sharing your information' },
    attribute: 'interaction',
  },
  // The resident's session is what the page's actions run as; signed out, it links to the sign-in page.
  security: {
    tag: 'identity-security',
    title: { ja: 'サインインの設定', en: 'Sign-in settings' },
    attribute: 'return',
  },
} as const;

/**
 * The pages a browser needs before it has a Kiban session or while an OpenID service waits:
 * `GET /pages/sign-in?return=/path`, `GET /pages/consent?interaction=<uid>` and the resident's
 * `GET /pages/security` (password, one-time code, passkeys), each a small
 * document drawing one of the plugin's elements, in Japanese unless the browser prefers English;
 * `GET /sign-in-options` lists the upstream providers a resident may sign in with.
 */
export function pageRoutes(app: Hono, ctx: PluginContext): void {
  app.get('/pages/:name', (c) => {
    const page = PAGES[c.req.param('name') as keyof typeof PAGES];
    if (!page) return c.notFound();
    const language = languageOf(c);
    const value = c.req.query(page.attribute) ?? '';
    c.header('Content-Security-Policy', PAGE_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${page.title[language]}</title>` +
        `<script type="module" src="/ui/plugins/identity/index.js"></script></head>` +
        `<body><main><${page.tag} lang="${language}" ${page.attribute}="${escapeAttribute(value)}"></${page.tag}></main></body></html>`,
    );
  });

  app.get('/sign-in-options', async (c) => {
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    const language = languageOf(c);
    const upstreams = (settings.upstreams ?? [])
      .filter((upstream) => upstream.principalKind === 'resident')
      .map((upstream) => ({ id: upstream.id, label: (language === 'en' && upstream.label.en) || upstream.label.ja }));
    return c.json({ upstreams, password: true, passkey: true });
  });
}

function languageOf(c: Context): 'ja' | 'en' {
  const asked = c.req.query('lang') ?? c.req.header('accept-language') ?? '';
  return asked.trim().toLowerCase().startsWith('en') ? 'en' : 'ja';
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
