import type { WorkflowMetadata } from '../metadata/index.ts';
import type { LiveApp } from './live-app.ts';

/** The published workflow an entity's records follow, if any; the semantic checks allow one per entity. */
export function workflowOf(live: LiveApp, entityName: string): WorkflowMetadata | undefined {
  return live
    .memo('workflows:byEntity', () => {
      const byEntity = new Map<string, WorkflowMetadata>();
      for (const item of live.items) if (item.kind === 'workflow') byEntity.set(item.entity, item);
      return byEntity;
    })
    .get(entityName);
}
