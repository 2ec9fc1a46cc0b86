import { type ApiRecord, sqlOf } from '../data/index.ts';
import type { RecordWrittenListener } from '../records/index.ts';
import { workflowOf } from '../runtime/workflows.ts';
import { recordStateEntry } from './state-entry.ts';
import { loadTemplateReferences } from './template-references.ts';

/**
 * In the creating transaction: a new record of a workflow's entity starts in the initial
 * state (the record service wrote it), so its history begins and the state's task and timers
 * are created with it.
 */
export const startWorkflowOnCreate: RecordWrittenListener = async (em, change, live) => {
  if (change.action !== 'created') return;
  const workflow = workflowOf(live, change.entity);
  const schema = live.schemas.get(change.entity);
  if (!workflow || !schema) return;
  const record = (await em.findOne(schema, { id: change.id }, { disableIdentityMap: true })) as ApiRecord;
  await recordStateEntry(sqlOf(em), {
    workflow,
    record,
    actor: change.principal,
    now: new Date(),
    related: await loadTemplateReferences(em, live, workflow, record),
    from: null,
    to: String(record[workflow.stateField]),
  });
};
