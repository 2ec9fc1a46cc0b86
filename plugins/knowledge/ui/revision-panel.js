import { el, request } from './dom.js';
import { pageLanguage } from './language.js';
import { REVISION_TEXT } from './revision-text.js';

const recordPath = (entity, id) => `/api/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
const staffPath = (entity, id) => `/staff/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
/**
 * Under an FAQ entry, a benefit or an article: on the published version, "revise while
 * published" (`knowledge.revise`) or a link to the revision already open; on a revision, the
 * published version and the revision side by side, each field marked changed or not. Reads go
 * through the data API, so the record's policies apply; text is set, never parsed as HTML.
 */
export class KnowledgeRevisionPanel extends HTMLElement {
  async connectedCallback() {
    const text = REVISION_TEXT[pageLanguage(this.language, REVISION_TEXT)];
    this.replaceChildren(el('p', { role: 'status', textContent: text.loading }));
    try {
      const record = await request(recordPath(this.entity, this.recordId));
      this.#show(
        text,
        record.revisionOf ? await this.#comparison(text, record) : await this.#reviseControls(text, record),
      );
    } catch {
      this.#show(text, [el('p', { role: 'status', textContent: text.failed })]);
    }
  }

  #show(text, children) {
    this.replaceChildren(el('section', { ariaLabel: text.heading }, children));
  }

  async #reviseControls(text, record) {
    if (record.status !== 'published') return [el('p', { textContent: text.notPublished })];
    const open = await request(
      `/api/data/${encodeURIComponent(this.entity)}?filter[revisionOf][eq]=${encodeURIComponent(record.id)}&limit=1`,
    );
    const [revision] = open.items ?? [];
    if (revision) return [el('a', { href: staffPath(this.entity, revision.id), textContent: text.openRevision })];
    const status = el('p', { role: 'status' });
    const button = el('button', { type: 'button', textContent: text.revise });
    button.addEventListener('click', async () => {
      button.disabled = true;
      status.textContent = text.revising;
      try {
        const made = await request('/api/actions/knowledge.revise', {
          body: { entity: this.entity, id: String(record.id) },
          language: this.language,
        });
        const link = el('a', { href: staffPath(made.entity, made.id), textContent: text.openRevision });
        status.textContent = '';
        button.replaceWith(link);
      } catch {
        status.textContent = text.refused;
        button.disabled = false;
      }
    });
    return [button, status];
  }

  async #comparison(text, revision) {
    const { fields } = await request(
      `/api/plugins/knowledge/revisions/${encodeURIComponent(this.entity)}/${encodeURIComponent(revision.id)}`,
    );
    const rows = fields.map((field) =>
      el('tr', { className: field.changed ? 'changed' : '' }, [
        el('th', { scope: 'row', textContent: field.name }),
        el('td', { textContent: field.published || text.empty }),
        el('td', { textContent: field.proposed || text.empty }),
        el('td', { textContent: field.changed ? text.changed : text.unchanged }),
      ]),
    );
    const anyChange = fields.some((field) => field.changed);
    return [
      el('a', { href: staffPath(this.entity, revision.revisionOf), textContent: text.revisionOf }),
      anyChange ? '' : el('p', { textContent: text.noChanges }),
      el('table', { className: 'revision-comparison' }, [
        el('caption', { textContent: text.compareCaption }),
        el('thead', {}, [
          el(
            'tr',
            {},
            [text.field, text.published, text.proposed, text.changed].map((label) =>
              el('th', { scope: 'col', textContent: label }),
            ),
          ),
        ]),
        el('tbody', {}, rows),
      ]),
    ];
  }
}
