import type { Language } from '@kiban/runtime-ui';
import { html, nothing, type TemplateResult } from 'lit';
import { say, serverText } from '../i18n/index.ts';
import type { MigrationPlan } from '../model/types.ts';

/** A migration plan as a table: each step, whether it loses data, the rows it touches, why. */
export function renderPlanTable(plan: MigrationPlan, language: Language, captionId: string): TemplateResult {
  if (plan.steps.length === 0) return html`<p>${say(language, 'publish.noSteps')}</p>`;
  return html`<table aria-labelledby=${captionId}>
    <thead>
      <tr>
        <th scope="col">${say(language, 'publish.step')}</th>
        <th scope="col">${say(language, 'publish.target')}</th>
        <th scope="col">${say(language, 'publish.safety')}</th>
        <th scope="col">${say(language, 'publish.rows')}</th>
        <th scope="col">${say(language, 'publish.reason')}</th>
      </tr>
    </thead>
    <tbody>
      ${plan.steps.map(
        (step) => html`<tr class=${step.safety}>
          <td><code>${step.action}</code></td>
          <td><code>${[step.table, step.column].filter(Boolean).join('.')}</code></td>
          <td>
            <span class="badge ${step.safety}"
              >${say(language, step.safety === 'destructive' ? 'publish.destructive' : 'publish.safe')}</span
            >
          </td>
          <td>${step.affectedRows ?? '—'}</td>
          <td>
            ${serverText(step.reason, language)}
            ${
              step.blocked
                ? html`<p class="error">${say(language, 'publish.blocked', { reason: serverText(step.blocked, language) })}</p>`
                : nothing
            }
          </td>
        </tr>`,
      )}
    </tbody>
  </table>`;
}
