import type { ScaffoldNames } from './scaffold-templates.ts';

/**
 * The browser module of a new plugin: a staff page (`<plugin>-console`) and a panel on the
 * detail view of its entity's records (`<plugin>-panel`). Plain custom elements that read
 * through the API, so the record's policies apply; text is set, never parsed as HTML.
 */
export function uiSource({ plugin }: ScaffoldNames): string {
  return `const SUMMARY = '/api/plugins/${plugin}/summary';

/** The staff page: how many entries there are. Receives \`language\` and \`principal\` from the staff portal. */
class Console extends HTMLElement {
  async connectedCallback() {
    const response = await fetch(SUMMARY, { credentials: 'same-origin' });
    const { entries } = await response.json();
    this.textContent = this.language === 'en' ? \`\${entries} entries\` : \`登録 \${entries} 件\`;
  }
}

/** A panel under each record: which record it is. Receives \`entity\` and \`recordId\`. */
class Panel extends HTMLElement {
  connectedCallback() {
    this.textContent = \`\${this.entity} \${this.recordId}\`;
  }
}

customElements.define('${plugin}-console', Console);
customElements.define('${plugin}-panel', Panel);
`;
}

/** The \`ui\` member of the plugin definition, as source. */
export function uiDefinition({ plugin, entity, role }: ScaffoldNames): string {
  return `  // Browser code: a staff page with a menu entry and a panel under ${entity} records.
  ui: {
    dir: fileURLToPath(new URL('../ui', import.meta.url)),
    entry: 'index.js',
    staffPages: [{ name: 'console', label: { ja: '${plugin} の操作卓', en: '${plugin} console' }, tag: '${plugin}-console' }],
    recordPanels: [
      { name: 'panel', label: { ja: '${plugin} の情報', en: '${plugin}' }, tag: '${plugin}-panel', entities: [ENTITY] },
    ],
  },
  // Staff with the role ${role} see the page in the staff menu and the panel under records.
`;
}
