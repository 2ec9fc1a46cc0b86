import { html, type TemplateResult } from 'lit';

export type EditorTab = 'visual' | 'json';
const TABS: EditorTab[] = ['visual', 'json'];

/**
 * An ARIA tab list: the selected tab is the one in the tab order, the arrow keys, Home and
 * End move between tabs (and select them, as the APG's automatic activation does).
 */
export function renderTabs(options: {
  selected: EditorTab;
  label: string;
  text: (tab: EditorTab) => string;
  choose: (tab: EditorTab) => void;
}): TemplateResult {
  const onKey = (event: KeyboardEvent) => {
    const index = TABS.indexOf(options.selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = TABS[(next + TABS.length) % TABS.length] ?? 'visual';
    options.choose(tab);
    const list = event.currentTarget as HTMLElement;
    requestAnimationFrame(() => list.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  };
  return html`<div role="tablist" aria-label=${options.label} class="tabs" @keydown=${onKey}>
    ${TABS.map(
      (tab) => html`<button
        type="button"
        role="tab"
        id=${`tab-${tab}`}
        aria-controls=${`panel-${tab}`}
        aria-selected=${tab === options.selected ? 'true' : 'false'}
        tabindex=${tab === options.selected ? 0 : -1}
        @click=${() => options.choose(tab)}
      >
        ${options.text(tab)}
      </button>`,
    )}
  </div>`;
}
