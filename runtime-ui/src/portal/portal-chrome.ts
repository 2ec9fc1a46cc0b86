import { html, nothing, type TemplateResult } from 'lit';
import { type CalendarPreference, type MessageKey, translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import type { Principal } from './portal-types.ts';
import type { Preferences } from './preferences.ts';

export interface MenuEntry {
  href: string;
  label: TemplateResult | string;
}

/** Everything around a portal's page: skip link, header with preferences and account, menu, main. */
export interface ChromeView {
  language: Language;
  calendar: CalendarPreference;
  title: MessageKey;
  homeHref: string;
  principal: Principal | undefined;
  menu: MenuEntry[];
  onPreferences(preferences: Preferences): void;
  onSignOut(): void;
  content: TemplateResult | typeof nothing;
  /** What plugins put beside every page (see `renderPortalWidgets`). */
  widgets: TemplateResult | typeof nothing;
}

/** The menu entry of the current page, or of the section the page belongs to. */
function isCurrent(href: string, homeHref: string): boolean {
  const path = location.pathname;
  return href === homeHref ? path === href : path === href || path.startsWith(`${href}/`);
}

export function renderChrome(view: ChromeView): TemplateResult {
  const say = (key: MessageKey) => translate(view.language, key);
  const focusMain = (event: Event) => {
    // An in-page link cannot reach into the shadow root, so the skip link moves focus itself.
    event.preventDefault();
    const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot | Document;
    root.getElementById('main')?.focus();
  };
  const principal = view.principal;
  return html`<div lang=${view.language}>
    <a class="skip" href="#main" @click=${focusMain}>${say('portal.skipToContent')}</a>
    <header>
      <div class="bar">
        <a class="site" href=${view.homeHref}>${say(view.title)}</a>
        <kiban-preferences
          language=${view.language}
          .calendar=${view.calendar}
          @kiban-preferences=${(event: CustomEvent<Preferences>) => view.onPreferences(event.detail)}
        ></kiban-preferences>
        ${
          principal
            ? html`<div class="account">
              <span>${translate(view.language, 'portal.signedInAs', { name: principal.displayName ?? principal.username })}</span>
              <button type="button" @click=${view.onSignOut}>${say('portal.signOut')}</button>
            </div>`
            : nothing
        }
      </div>
      ${
        view.menu.length > 0
          ? html`<nav aria-label=${say('portal.menu')}>
            <ul>
              ${view.menu.map(
                (entry) =>
                  html`<li>
                    <a href=${entry.href} aria-current=${isCurrent(entry.href, view.homeHref) ? 'page' : 'false'}
                      >${entry.label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>`
          : nothing
      }
    </header>
    <main id="main" tabindex="-1">${view.content}</main>
    ${view.widgets}
  </div>`;
}
