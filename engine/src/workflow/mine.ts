import type { Principal } from '../access/index.ts';
import type { I18nText } from '../metadata/index.ts';
import { listRecords } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';

export interface MyRecord {
  entity: string;
  id: string;
  /** The record's title field, or null when the entity has none or the caller may not read it. */
  title: string | null;
  workflow: string;
  state: { name: string; label: I18nText; final: boolean };
  updatedAt: string;
}

const PER_ENTITY = 50;

/**
 * A resident's "my applications": their own records of every entity with a workflow they may
 * read, newest change first, each with its state — read through the record service, so the
 * row and field policies apply as everywhere.
 */
export async function myWorkflowRecords(live: LiveApp, principal: Principal): Promise<MyRecord[]> {
  const mine: MyRecord[] = [];
  for (const workflow of live.items) {
    if (workflow.kind !== 'workflow') continue;
    const entity = live.entities.get(workflow.entity);
    if (!entity || !live.policy.authorize(principal, entity, 'read').allowed) continue;
    const page = await listRecords({ live, principal }, workflow.entity, {
      filter: { owner: { eq: principal.id } },
      sort: '-updatedAt',
      limit: PER_ENTITY,
      offset: 0,
    });
    for (const record of page.items) {
      const name = String(record[workflow.stateField] ?? workflow.initial);
      const state = workflow.states.find((each) => each.name === name);
      const title = entity.titleField ? record[entity.titleField] : undefined;
      mine.push({
        entity: workflow.entity,
        id: String(record.id),
        title: title == null ? null : String(title),
        workflow: workflow.name,
        state: { name, label: state?.label ?? { ja: name }, final: state?.final ?? false },
        updatedAt: String(record.updatedAt),
      });
    }
  }
  return mine.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
