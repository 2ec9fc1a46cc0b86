import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { type FormBundleLoader, portalFormLoader } from '../api/index.ts';
import type { TitleLookup } from '../components/index.ts';
import { baseStyles, localizedText } from '../components/shared/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, localize, translate } from '../i18n/index.ts';
import type { I18nText, Language, PageComponent, PageMetadata, RecordData } from '../metadata/index.ts';
import { entityMetadata, type PortalApp, type Profile } from '../portal/portal-types.ts';
import { renderPluginComponent } from './plugin-component.ts';
import { titleLookup } from './reference-titles.ts';

/** Where a record of an entity is shown, for links from lists; undefined when nowhere. */
export type RecordHref = (entity: string, record: RecordData) => string | undefined;

/**
 * `<kiban-page-view>`: a published page's layout, block after block, under the page's title.
 * Blocks get their metadata from the portal's app description; a `detail` block shows the
 * record named by the route's `:id`.
 */
export class KibanPageView extends LitElement {
  static override properties = {
    page: { attribute: false },
    app: { attribute: false },
    params: { attribute: false },
    profile: { attribute: false },
    recordHref: { attribute: false },
    formNextLink: { attribute: false },
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
  };

  static override styles = [
    baseStyles,
    css`
      .block + .block {
        margin-top: 2rem;
      }
    `,
  ];

  declare page: PageMetadata | undefined;
  declare app: PortalApp | undefined;
  declare params: Record<string, string | undefined>;
  /** The resident's profile, for forms that prefill from it. */
  declare profile: Profile | undefined;
  declare recordHref: RecordHref | undefined;
  /** Where a form's confirmation leads, by the form's entity; none when undefined. */
  declare formNextLink: ((entity: string) => { href: string; label: string } | undefined) | undefined;
  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;

  private loader: FormBundleLoader | undefined;
  private titles: TitleLookup | undefined;

  constructor() {
    super();
    this.params = {};
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // One loader per app description: a new one would make the form page load again.
    if ((changed.has('app') || changed.has('language')) && this.app) {
      const options = { apiBase: this.apiBase, language: this.language };
      this.loader = portalFormLoader(this.app);
      this.titles = titleLookup(this.app.entities, options);
    }
    if (changed.has('page') && this.page?.layout.some((block) => block.type === 'markdown')) {
      void import('./kiban-markdown.ts');
    }
  }

  override render() {
    if (!this.page || !this.app) return nothing;
    return html`<h1>${localizedText(this.page.label, this.language)}</h1>
      ${this.page.layout.map((block) => html`<div class="block">${this.renderBlock(block, this.app as PortalApp)}</div>`)}`;
  }

  private renderBlock(block: PageComponent, app: PortalApp) {
    switch (block.type) {
      case 'markdown':
        return this.renderMarkdown(block.content);
      case 'form':
        return html`<kiban-form-page
          form-name=${block.form}
          api-base=${this.apiBase}
          .loader=${this.loader}
          .nextLink=${this.formNextLink?.(app.forms[block.form]?.entity ?? '')}
          .profile=${this.profile as RecordData | undefined}
          .signInAssurance=${app.principal.signIn?.assurance}
          step-up-page=${app.stepUpPage ?? ''}
          ?prefill-consent=${this.profile?.consentToReuse === true}
          language=${this.language}
          calendar=${this.calendar}
        ></kiban-form-page>`;
      case 'list': {
        const view = app.views[block.view];
        const entity = view && app.entities[view.entity];
        if (!view || !entity) return this.missing();
        return html`<kiban-list
          .view=${view}
          .entity=${entityMetadata(entity)}
          .recordHref=${this.recordHref && ((record: RecordData) => this.recordHref?.(entity.name, record) ?? '')}
          .titleLookup=${this.titles}
          api-base=${this.apiBase}
          language=${this.language}
          calendar=${this.calendar}
        ></kiban-list>`;
      }
      case 'detail': {
        const entity = app.entities[block.entity];
        if (!entity || !this.params.id) return this.missing();
        return html`<kiban-record-view
          .entity=${entity}
          .entities=${app.entities}
          record-id=${this.params.id}
          api-base=${this.apiBase}
          language=${this.language}
          calendar=${this.calendar}
        ></kiban-record-view>`;
      }
      case 'component':
        return renderPluginComponent(block, this.language, this.calendar);
    }
  }

  /** Markdown in the reader's language, or the Japanese text marked as such. */
  private renderMarkdown(content: I18nText) {
    const localized = localize(content, this.language);
    return html`<div lang=${localized.lang}>
      ${localized.fallback ? html`<p class="fallback-mark" lang=${this.language}>${translate(this.language, 'i18n.fallbackMark')}</p>` : nothing}
      <kiban-markdown .content=${localized.text}></kiban-markdown>
    </div>`;
  }

  private missing() {
    return html`<p role="note">${translate(this.language, 'portal.componentMissing')}</p>`;
  }
}
