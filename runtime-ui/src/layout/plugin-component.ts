import { html, type TemplateResult } from 'lit';
import { type CalendarPreference, translate } from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import { pageComponentTag } from '../plugins/index.ts';
import { portalRealtime } from '../realtime/index.ts';

const created = new WeakMap<object, HTMLElement>();

/**
 * A page's `component` block: the custom element a plugin registered for the name (or the
 * tag itself), with the block's `props` set as properties and the reader's language and
 * calendar (`japanese` for 和暦 unless they chose `gregory`). The element is made once per
 * block, so its own state survives re-renders of the page. It gets the portal's realtime
 * connection as `realtime` too.
 */
export function renderPluginComponent(
  block: { tag: string; props?: Record<string, unknown> },
  language: Language,
  calendar: CalendarPreference,
): TemplateResult {
  const tag = pageComponentTag(block.tag) ?? block.tag;
  if (!tag.includes('-') || !customElements.get(tag)) {
    return html`<p role="note">${translate(language, 'portal.componentMissing')}</p>`;
  }
  let element = created.get(block);
  if (!element) {
    element = document.createElement(tag);
    Object.assign(element, block.props);
    created.set(block, element);
  }
  Object.assign(element, { language, calendar, realtime: portalRealtime });
  return html`${element}`;
}
