import type { IncomingMessage } from 'node:http';
import type { EndedSession } from '@kiban/sdk';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { PageLanguage } from '../http/page-language.ts';
import { LOGOUT_TEXTS } from './logout-texts.ts';

/** What the provider's logout needs of the Kiban request it runs in (set by the bridge). */
export interface LogoutRequest {
  language: PageLanguage;
  endKibanSession(): Promise<EndedSession>;
}

const logoutRequests = new WeakMap<IncomingMessage, LogoutRequest>();

export function markLogoutRequest(request: IncomingMessage, logout: LogoutRequest): void {
  logoutRequests.set(request, logout);
}

/** The pages speak no script, load nothing, and are framed by no one. */
const PAGE_CSP = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** RP-initiated logout with Kiban's own pages: the question, then the confirmation. */
export const rpInitiatedLogout = {
  enabled: true,
  logoutSource: async (koa: KoaContextWithOIDC, form: string) => {
    const t = LOGOUT_TEXTS[languageOf(koa)];
    koa.set('Content-Security-Policy', PAGE_CSP);
    // `form` is the provider's own (its action and one-time xsrf value); the buttons submit it.
    koa.body = page(
      languageOf(koa),
      t.confirmTitle,
      `<p>${t.confirmQuestion}</p>${form}` +
        `<p><button type="submit" form="op.logoutForm" name="logout" value="yes">${t.yes}</button> ` +
        `<button type="submit" form="op.logoutForm">${t.no}</button></p>`,
    );
  },
  postLogoutSuccessSource: async (koa: KoaContextWithOIDC) => {
    const t = LOGOUT_TEXTS[languageOf(koa)];
    koa.set('Content-Security-Policy', PAGE_CSP);
    koa.body = page(languageOf(koa), t.doneTitle, `<p>${t.doneBody}</p>`);
  },
};

/**
 * A confirmed sign-out ends the Kiban session too: the provider's session alone would leave the
 * resident signed in to the portal, and the next service would sign them in again silently.
 * Runs after the provider has ended its own session and before the response leaves.
 */
export function endKibanSessionOnLogout(provider: Provider): void {
  provider.use(async (koa, next) => {
    await next();
    const oidc = (koa as KoaContextWithOIDC).oidc;
    if (oidc?.route !== 'end_session_confirm' || koa.status !== 303 || !oidc.params?.logout) return;
    const logout = logoutRequests.get(koa.req);
    if (!logout) return;
    const { expiredCookie } = await logout.endKibanSession();
    koa.append('Set-Cookie', expiredCookie);
  });
}

function languageOf(koa: KoaContextWithOIDC): PageLanguage {
  return logoutRequests.get(koa.req)?.language ?? 'ja';
}

function page(language: PageLanguage, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>` +
    `<body><main><h1>${title}</h1>${body}</main></body></html>`
  );
}
