import { html, nothing, type TemplateResult } from 'lit';
import { localizedString } from '../components/shared/index.ts';
import type { Language } from '../metadata/index.ts';
import type { PluginElements } from '../staff/plugin-contributions.ts';
import type { PluginPortalWidget } from './portal-types.ts';

/**
 * The elements plugins put beside every page, after the main content: one complementary region
 * each, named by the widget's label, so a screen reader finds it by landmark and it never sits
 * inside a page's own content. The element is kept across renders (a chat stays open while the
 * resident moves between pages) and receives the shell's properties on every render.
 */
export function renderPortalWidgets(
  widgets: readonly PluginPortalWidget[],
  elements: PluginElements,
  properties: { language: Language } & Record<string, unknown>,
): TemplateResult | typeof nothing {
  if (widgets.length === 0) return nothing;
  return html`${widgets.map(
    (widget) =>
      html`<aside class="portal-widget" aria-label=${localizedString(widget.label, properties.language)}>
        ${elements.element(`widget:${widget.plugin}:${widget.name}`, widget.tag, properties)}
      </aside>`,
  )}`;
}
