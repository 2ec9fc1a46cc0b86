import { html, nothing, type TemplateResult } from 'lit';
import { localizedText } from '../components/shared/index.ts';
import type { Language } from '../metadata/index.ts';
import type { PluginRecordPanel, PluginStaffPage } from '../portal/portal-types.ts';

/**
 * Plugin elements, kept per place across renders so that they keep their inner state; a new
 * place (another record) gets a new element. Each receives its properties on every render.
 */
export class PluginElements {
  private readonly elements = new Map<string, HTMLElement>();

  element(key: string, tag: string, properties: Record<string, unknown>): HTMLElement {
    const existing = this.elements.get(key);
    const element = existing?.localName === tag ? existing : document.createElement(tag);
    this.elements.set(key, element);
    Object.assign(element, properties);
    return element;
  }
}

/** A plugin's staff page: its heading, then its element. */
export function renderPluginPage(
  page: PluginStaffPage,
  elements: PluginElements,
  properties: Record<string, unknown>,
  language: Language,
): TemplateResult {
  const element = elements.element(`page:${page.plugin}:${page.name}`, page.tag, properties);
  return html`<h1>${localizedText(page.label, language)}</h1>
    ${element}`;
}

/**
 * The panels plugins add under one record, one labelled region each, so that a screen reader
 * can jump between them by landmark.
 */
export function renderRecordPanels(
  panels: readonly PluginRecordPanel[],
  entity: string,
  recordId: string,
  elements: PluginElements,
  properties: Record<string, unknown>,
  language: Language,
): TemplateResult | typeof nothing {
  const here = panels.filter((panel) => panel.entities.includes(entity));
  if (here.length === 0) return nothing;
  return html`${here.map((panel) => {
    const id = `panel-${panel.plugin}-${panel.name}`;
    const element = elements.element(`panel:${panel.plugin}:${panel.name}:${entity}:${recordId}`, panel.tag, {
      ...properties,
      entity,
      recordId,
    });
    return html`<section class="plugin-panel" aria-labelledby=${id}>
      <h2 id=${id}>${localizedText(panel.label, language)}</h2>
      ${element}
    </section>`;
  })}`;
}
