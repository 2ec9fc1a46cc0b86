import type { Language } from '@kiban/runtime-ui';
import { html, type TemplateResult } from 'lit';
import { say } from '../i18n/index.ts';
import type { DiffEntry } from '../model/json-diff.ts';

const OPS = { added: 'history.added', removed: 'history.deleted', changed: 'history.changed' } as const;
const show = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value, null, 2));

/** A pointer-level diff: where, what happened, the value before and after. */
export function renderDiffTable(entries: DiffEntry[], language: Language): TemplateResult {
  if (entries.length === 0) return html`<p>${say(language, 'history.noDiff')}</p>`;
  return html`<table>
    <thead>
      <tr>
        <th scope="col">${say(language, 'history.pointer')}</th>
        <th scope="col">${say(language, 'history.changed')}</th>
        <th scope="col">${say(language, 'history.before')}</th>
        <th scope="col">${say(language, 'history.after')}</th>
      </tr>
    </thead>
    <tbody>
      ${entries.map(
        (entry) => html`<tr class="diff-${entry.op}">
          <td><code>${entry.pointer || '/'}</code></td>
          <td>${say(language, OPS[entry.op])}</td>
          <td><pre>${show(entry.before)}</pre></td>
          <td><pre>${show(entry.after)}</pre></td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
