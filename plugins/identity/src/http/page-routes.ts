import type { Hono, PluginContext } from '@kiban/sdk';
import { type IdentitySettings, requireConfigured } from '../settings.ts';
import { pageLanguageOf } from './page-language.ts';

/** Only the plugin's own module and same-origin calls; no inline script or style. */
const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const PAGES = {
  'sign-in': {
    tag: 'identity-sign-in',
    title: {
      ja: 'サインイン',
      en: 'Sign in',
      'zh-Hans': '登录',
      'zh-Hant': '登入',
      ko: '로그인',
      vi: 'Đăng nhập',
      'ja-x-easy': 'サインイン',
    },
    attribute: 'return',
    // Step-up: `?assurance=jpki` offers only the methods that sign in at that level;
    // `?again=link`: a fresh sign-in before another method is linked.
    extras: ['assurance', 'again'],
  },
  consent: {
    tag: 'identity-consent',
    title: {
      ja: '情報提供の確認',
      en: 'Sharing your information',
      'zh-Hans': '信息提供的确认',
      'zh-Hant': '資料提供的確認',
      ko: '정보 제공 확인',
      vi: 'Xác nhận cung cấp thông tin',
      'ja-x-easy': 'あなたの ことを おしえるか きめる',
    },
    attribute: 'interaction',
  },
  // The resident's session is what the page's actions run as; signed out, it links to the sign-in page.
  security: {
    tag: 'identity-security',
    title: {
      ja: 'サインインの設定',
      en: 'Sign-in settings',
      'zh-Hans': '登录设置',
      'zh-Hant': '登入設定',
      ko: '로그인 설정',
      vi: 'Cài đặt đăng nhập',
      'ja-x-easy': 'サインインの せってい',
    },
    attribute: 'return',
  },
  // The resident chooses fields to pull from the city's sources (#6); signed out, a link to sign in.
  attributes: {
    tag: 'identity-attributes',
    title: {
      ja: '自分の情報の取得',
      en: 'Get your information',
      'zh-Hans': '获取本人信息',
      'zh-Hant': '取得本人資料',
      ko: '본인 정보 가져오기',
      vi: 'Lấy thông tin của bạn',
      'ja-x-easy': 'じぶんの じょうほうを もってくる',
    },
    attribute: 'return',
  },
  // The emailed link of an imported account: the page posts the token, so prefetching it uses nothing up.
  'finish-account': {
    tag: 'identity-finish-account',
    title: {
      ja: 'アカウント移行の確認',
      en: 'Confirm your account',
      'zh-Hans': '确认账户迁移',
      'zh-Hant': '確認帳戶移轉',
      ko: '계정 이전 확인',
      vi: 'Xác nhận chuyển tài khoản',
      'ja-x-easy': 'アカウントの ひっこしの かくにん',
    },
    attribute: 'token',
  },
} as const;

/**
 * The pages a browser needs before it has a Kiban session or while an OpenID service waits:
 * `GET /pages/sign-in?return=/path`, `GET /pages/consent?interaction=<uid>` and the resident's
 * `GET /pages/security` (password, one-time code, passkeys), each a small
 * document drawing one of the plugin's elements, in the language `?lang=` names or the browser
 * prefers among the portals' seven (Japanese otherwise);
 * `GET /sign-in-options` lists the upstream providers a resident may sign in with.
 */
export function pageRoutes(app: Hono, ctx: PluginContext): void {
  app.get('/pages/:name', (c) => {
    const page = PAGES[c.req.param('name') as keyof typeof PAGES];
    if (!page) return c.notFound();
    const language = pageLanguageOf(c);
    const value = c.req.query(page.attribute) ?? '';
    const extra = ('extras' in page ? page.extras : [])
      .map((name) => {
        const given = c.req.query(name);
        return given === undefined ? '' : ` ${name}="${escapeAttribute(given)}"`;
      })
      .join('');
    c.header('Content-Security-Policy', PAGE_CSP);
    c.header('Cache-Control', 'no-store');
    return c.html(
      `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
        `<meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${page.title[language]}</title>` +
        `<script type="module" src="/ui/plugins/identity/index.js"></script></head>` +
        `<body><main><${page.tag} lang="${language}" ${page.attribute}="${escapeAttribute(value)}"${extra}></${page.tag}></main></body></html>`,
    );
  });

  app.get('/sign-in-options', async (c) => {
    const settings = requireConfigured(await ctx.settings<IdentitySettings>());
    const language = pageLanguageOf(c);
    const required = levelOf(c.req.query('assurance'));
    const upstreams = (settings.upstreams ?? [])
      .filter((upstream) => upstream.principalKind === 'resident' && atLeast(upstream.assurance, required))
      .map((upstream) => ({ id: upstream.id, label: (language === 'en' && upstream.label.en) || upstream.label.ja }));
    // A password alone is `low`; with its one-time code and a passkey, `substantial`.
    const strong = atLeast('substantial', required);
    return c.json({ upstreams, password: strong, passkey: strong });
  });
}

const LEVELS = ['low', 'substantial', 'jpki'] as const;
type Level = (typeof LEVELS)[number];

/** The level a step-up asks for; anything else asks for none. */
function levelOf(value: string | undefined): Level {
  return LEVELS.find((level) => level === value) ?? 'low';
}

function atLeast(held: Level, required: Level): boolean {
  return LEVELS.indexOf(held) >= LEVELS.indexOf(required);
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
