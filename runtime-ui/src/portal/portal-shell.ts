import type { Router } from '@lit-labs/router';
import { html, nothing, type TemplateResult } from 'lit';
import { type MessageKey, translate } from '../i18n/index.ts';
import { portalRealtime } from '../realtime/index.ts';
import type { PluginElements } from '../staff/plugin-contributions.ts';
import { type MenuEntry, renderChrome } from './portal-chrome.ts';
import type { PortalSession } from './portal-session.ts';
import type { Principal } from './portal-types.ts';
import { renderPortalWidgets } from './portal-widgets.ts';

/** What differs between the resident and the staff shell; the rest of their frame is this file's. */
export interface PortalShell {
  session: PortalSession;
  router: Router;
  title: MessageKey;
  homeHref: string;
  /** Residents may create their own account; staff accounts are made by an administrator. */
  allowSignUp: boolean;
  menu(): MenuEntry[];
  /** Keeps the plugins' widget elements across renders, so an open chat survives a page change. */
  widgetElements: PluginElements;
}

/** The chrome around what the session's state calls for: loading, failure, sign-in, or the routed page. */
export function renderPortalShell(shell: PortalShell): TemplateResult {
  const { preferences, principal, status } = shell.session;
  return renderChrome({
    language: preferences.language,
    calendar: preferences.calendar,
    title: shell.title,
    homeHref: shell.homeHref,
    principal: status === 'ready' ? principal : undefined,
    menu: status === 'ready' ? shell.menu() : [],
    onPreferences: (chosen) => shell.session.choosePreferences(chosen),
    onSignOut: () => void shell.session.signOut(shell.homeHref),
    content: shellContent(shell),
    widgets:
      status === 'ready'
        ? renderPortalWidgets(shell.session.app?.portalWidgets ?? [], shell.widgetElements, {
            language: preferences.language,
            calendar: preferences.calendar,
            principal,
            realtime: portalRealtime,
          })
        : nothing,
  });
}

function shellContent({ session, router, allowSignUp }: PortalShell): TemplateResult {
  const say = (key: MessageKey) => translate(session.preferences.language, key);
  if (session.status === 'loading') return html`<p role="status">${say('page.loading')}</p>`;
  if (session.status === 'failed') return html`<p role="alert">${say('page.loadFailed')}</p>`;
  if (session.status === 'signedOut') {
    return html`<kiban-sign-in
      ?allow-sign-up=${allowSignUp}
      language=${session.preferences.language}
      @kiban-signed-in=${(event: CustomEvent<Principal>) => session.signedIn(event.detail)}
    ></kiban-sign-in>`;
  }
  return html`${router.outlet()}`;
}
