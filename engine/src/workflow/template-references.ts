import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiRecord } from '../data/index.ts';
import type { WorkflowMetadata } from '../metadata/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { templateReferences } from './templates.ts';

/**
 * Reads, in `em`'s transaction, the records a workflow's `$record.<reference>.<field>`
 * templates reach from `record`, so that assignment and notification can name, say, the
 * department of the request an item belongs to.
 */
export async function loadTemplateReferences(
  em: EntityManager,
  live: LiveApp,
  workflow: WorkflowMetadata,
  record: ApiRecord,
): Promise<Record<string, ApiRecord | null>> {
  const entity = live.entities.get(workflow.entity);
  const related: Record<string, ApiRecord | null> = {};
  for (const name of templateReferences(workflow)) {
    const field = entity?.fields.find((each) => each.name === name && each.type === 'reference');
    const schema = field?.target === undefined ? undefined : live.schemas.get(field.target);
    const id = record[name];
    related[name] =
      schema && typeof id === 'string'
        ? ((await em.findOne(schema, { id }, { disableIdentityMap: true })) as ApiRecord | null)
        : null;
  }
  return related;
}
