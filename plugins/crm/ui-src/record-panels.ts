import { getJson } from './api.ts';

type Labelled = { ja?: string; en?: string };

/** A panel another plugin (or this one) contributes under resident profiles, as the staff catalogue lists it. */
export interface ProfilePanel {
  plugin: string;
  name: string;
  label: Labelled;
  tag: string;
}

export const PROFILE_ENTITY = 'ResidentProfile';

/**
 * The record panels on `ResidentProfile` the signed-in member of staff may see — the seam through
 * which reservations, payments, notifications and others add to the 360. The engine already
 * filtered them by capability and read permission.
 */
export async function profilePanels(language: string): Promise<ProfilePanel[]> {
  const app = await getJson<{ recordPanels?: Array<ProfilePanel & { entities: string[] }> }>(
    '/api/portal/app?portal=staff',
    language,
  );
  return (app.recordPanels ?? []).filter((panel) => panel.entities.includes(PROFILE_ENTITY));
}

/**
 * A panel's element, kept per panel and resident so that it keeps its state across renders.
 * It gets what the staff portal gives record panels (`entity`, `recordId`, `language`,
 * `principal`) and, in the 360, `resident`: the principal id the other plugins key their data by.
 */
export class PanelElements {
  private readonly elements = new Map<string, HTMLElement>();

  element(panel: ProfilePanel, properties: Record<string, unknown>): HTMLElement {
    const key = `${panel.plugin}:${panel.name}:${String(properties.recordId)}`;
    const element = this.elements.get(key) ?? document.createElement(panel.tag);
    this.elements.set(key, element);
    Object.assign(element, { entity: PROFILE_ENTITY, ...properties });
    return element;
  }
}
