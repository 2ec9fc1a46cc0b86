import { DEFAULT_LANGUAGE, type Language } from '@kiban/runtime-ui';
import { Router } from '@lit-labs/router';
import { css, html, LitElement, nothing, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { DesignerApi, DesignerApiError } from '../api/designer-api.ts';
import { itemHref } from '../browser/kiban-item-browser.ts';
import { DESIGNER_LANGUAGES, type DesignerMessageKey, say } from '../i18n/index.ts';
import { templateItem } from '../model/templates.ts';
import { type DraftRecord, KINDS, type Kind, type MetadataItem, type Principal, sameKey } from '../model/types.ts';
import { designerStyles } from './designer-styles.ts';

const HOME = '/designer';
const LANGUAGE_KEY = 'kiban:designer-language';
type Status = 'loading' | 'signedOut' | 'forbidden' | 'failed' | 'ready';

interface OpenItem {
  id: string;
  item: MetadataItem;
  revision: number;
}

const storedLanguage = (): Language => (localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : DEFAULT_LANGUAGE);

/**
 * `<kiban-designer-app>`: the designer's shell at /designer. Staff sign in; with the
 * `metadata.read` capability they browse published items and drafts by kind, create items
 * from templates, open one in `<kiban-editor-frame>`, and move packages between environments.
 */
export class KibanDesignerApp extends LitElement {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    status: { state: true },
    language: { state: true },
    principal: { state: true },
    published: { state: true },
    drafts: { state: true },
  };

  static override styles = [
    designerStyles,
    css`
      header {
        display: flex;
        flex-wrap: wrap;
        gap: 1rem;
        align-items: center;
        justify-content: space-between;
        padding: 0.75rem 1.5rem;
        border-bottom: 4px solid var(--kiban-accent);
      }
      header .title {
        font-size: 1.25rem;
        font-weight: bold;
      }
      nav ul {
        display: flex;
        gap: 1.5rem;
        list-style: none;
        margin: 0;
        padding: 0;
      }
      main {
        padding: 1.5rem;
        max-width: 80rem;
      }
      .skip {
        position: absolute;
        left: -999px;
      }
      .skip:focus {
        left: 1rem;
        top: 1rem;
        background: #ffffff;
        z-index: 1;
      }
      .who {
        display: flex;
        gap: 0.75rem;
        align-items: center;
      }
    `,
  ];

  declare apiBase: string;
  declare status: Status;
  declare language: Language;
  declare principal: Principal | undefined;
  declare published: MetadataItem[];
  declare drafts: DraftRecord[];
  private api = new DesignerApi();
  private open: OpenItem | undefined;
  private readonly newItems = new Map<string, MetadataItem>();
  readonly router = new Router(
    this,
    [
      { path: HOME, render: () => this.renderBrowser() },
      { path: `${HOME}/packages`, render: () => this.renderPackages() },
      { path: `${HOME}/items/:kind/:name`, render: ({ kind, name }) => this.renderEditor(kind ?? '', name ?? '') },
    ],
    {
      fallback: {
        render: () => html`<h1>${this.say('app.notFound')}</h1><p><a href=${HOME}>${this.say('app.items')}</a></p>`,
      },
    },
  );

  constructor() {
    super();
    this.apiBase = '';
    this.status = 'loading';
    this.language = storedLanguage();
    this.published = [];
    this.drafts = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.api = new DesignerApi(this.language, this.apiBase);
    void this.start();
  }

  private say(key: DesignerMessageKey, params?: Record<string, string | number>): string {
    return say(this.language, key, params);
  }

  private async start(): Promise<void> {
    try {
      const principal = await this.api.me();
      if (principal) await this.signedIn(principal);
      else this.status = 'signedOut';
    } catch {
      this.status = 'failed';
    }
  }

  private async signedIn(principal: Principal): Promise<void> {
    this.principal = principal;
    this.status = 'loading';
    try {
      await this.refresh();
      this.status = 'ready';
      await this.navigate(location.pathname.startsWith(HOME) ? location.pathname : HOME, false);
    } catch (error) {
      this.status = error instanceof DesignerApiError && error.status === 403 ? 'forbidden' : 'failed';
    }
  }

  /** Published items and drafts, again (after a save, a publish or an import). */
  async refresh(): Promise<void> {
    const [published, drafts] = await Promise.all([this.api.published(), this.api.drafts()]);
    this.published = published.items;
    this.drafts = drafts;
  }

  async navigate(path: string, push = true): Promise<void> {
    if (push && location.pathname !== path) history.pushState({}, '', path);
    await this.router.goto(path);
    this.requestUpdate();
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }

  private chooseLanguage(language: Language): void {
    this.language = language;
    this.api.language = language;
    localStorage.setItem(LANGUAGE_KEY, language);
    document.documentElement.lang = language;
  }

  private async signOut(): Promise<void> {
    await this.api.logout().catch(() => undefined);
    this.principal = undefined;
    this.status = 'signedOut';
  }

  private createItem(event: CustomEvent<{ kind: Kind; name: string }>): void {
    const { kind, name } = event.detail;
    const entity = this.published.find((item) => item.kind === 'entity');
    const field = (entity?.fields as { name: string }[] | undefined)?.[0]?.name;
    this.newItems.set(`${kind}/${name}`, templateItem(kind, name, entity?.name, field));
    void this.navigate(itemHref({ kind, name }));
  }

  private renderBrowser(): TemplateResult {
    // Back at the list, an item opened again starts from what the engine has now.
    this.open = undefined;
    document.title = `${this.say('browser.title')} — ${this.say('app.title')}`;
    return html`<kiban-item-browser
      .published=${this.published}
      .drafts=${this.drafts}
      language=${this.language}
      @create-item=${this.createItem}
    ></kiban-item-browser>`;
  }

  private renderPackages(): TemplateResult {
    document.title = `${this.say('packages.title')} — ${this.say('app.title')}`;
    return html`<kiban-packages-page
      .api=${this.api}
      language=${this.language}
      @published=${() => void this.refresh()}
    ></kiban-packages-page>`;
  }

  /** The item as its draft says, else as published, else the template it was just created from. */
  private openItem(kind: Kind, name: string): OpenItem | undefined {
    const id = `${kind}/${name}`;
    if (this.open?.id === id) return this.open;
    const draft = this.drafts.find((each) => sameKey(each.item, { kind, name }));
    const item = draft?.item ?? this.published.find((each) => sameKey(each, { kind, name })) ?? this.newItems.get(id);
    this.open = item ? { id, item, revision: draft?.revision ?? 0 } : undefined;
    return this.open;
  }

  /** What a save or publish left, for when this item is opened again before the list is. */
  private remember(open: OpenItem, item: MetadataItem, revision: number): void {
    const frame = this.renderRoot.querySelector('kiban-editor-frame');
    Object.assign(open, { item: revision === 0 && frame ? frame.item : item, revision });
    void this.refresh();
  }

  private renderEditor(kind: string, name: string): TemplateResult {
    const open = (KINDS as readonly string[]).includes(kind) ? this.openItem(kind as Kind, name) : undefined;
    if (!open) return html`<h1>${this.say('app.notFound')}</h1><p><a href=${HOME}>${this.say('app.items')}</a></p>`;
    document.title = `${name} — ${this.say('app.title')}`;
    return html`<p><a href=${HOME}>${this.say('editor.back')}</a></p>
      ${keyed(
        open.id,
        html`<kiban-editor-frame
          .api=${this.api}
          .item=${open.item}
          .revision=${open.revision}
          .items=${this.published}
          .published=${this.published.find((item) => sameKey(item, open.item))}
          language=${this.language}
          @draft-saved=${(event: CustomEvent<DraftRecord>) => this.remember(open, event.detail.item, event.detail.revision)}
          @published=${() => this.remember(open, open.item, 0)}
        ></kiban-editor-frame>`,
      )}`;
  }

  private content(): TemplateResult | typeof nothing {
    switch (this.status) {
      case 'loading':
        return html`<p role="status">${this.say('app.loading')}</p>`;
      case 'failed':
        return html`<p class="notice alert" role="alert">${this.say('app.loadFailed')}</p>`;
      case 'forbidden':
        return html`<p class="notice alert" role="alert">${this.say('app.forbidden')}</p>`;
      case 'signedOut':
        return html`<kiban-designer-sign-in
          .api=${this.api}
          language=${this.language}
          @signed-in=${(event: CustomEvent<Principal>) => void this.signedIn(event.detail)}
        ></kiban-designer-sign-in>`;
      case 'ready':
        return html`${this.router.outlet()}`;
    }
  }

  override render() {
    const principal = this.status === 'signedOut' ? undefined : this.principal;
    return html`<div lang=${this.language}>
      <a class="skip" href="#main">${this.say('app.skip')}</a>
      <header>
        <span class="title">${this.say('app.title')}</span>
        ${
          this.status === 'ready'
            ? html`<nav aria-label=${this.say('app.nav')}>
              <ul>
                <li><a href=${HOME}>${this.say('app.items')}</a></li>
                <li><a href=${`${HOME}/packages`}>${this.say('app.packages')}</a></li>
              </ul>
            </nav>`
            : nothing
        }
        <div class="who">
          <label for="language">${this.say('app.language')}</label>
          <select id="language" @change=${(event: Event) => this.chooseLanguage((event.target as HTMLSelectElement).value as Language)}>
            ${DESIGNER_LANGUAGES.map((each) => html`<option value=${each} ?selected=${each === this.language}>${each === 'ja' ? '日本語' : 'English'}</option>`)}
          </select>
          ${
            principal
              ? html`<span>${this.say('app.signedInAs', { name: principal.displayName ?? principal.username })}</span>
                <button type="button" @click=${this.signOut}>${this.say('app.signOut')}</button>`
              : nothing
          }
        </div>
      </header>
      <main id="main" tabindex="-1">${this.content()}</main>
    </div>`;
  }
}
