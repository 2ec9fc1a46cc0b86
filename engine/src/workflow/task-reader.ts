import type { EntitySchema } from '@mikro-orm/postgresql';
import type { Principal } from '../access/index.ts';
import { authorization, rowPolicyFilter } from '../records/scope.ts';
import type { LiveApp } from '../runtime/live-app.ts';

/**
 * Who looks at tasks, and which records they may read: a task is only ever shown for a record
 * its reader's read policy covers, whoever it is assigned to — a task is a view of its record.
 */
export interface TaskReader {
  principal: Principal;
  /** A condition over the task alias `t` (`?` placeholders, values in `params`). */
  readable: { sql: string; params: unknown[] };
}

export function taskReader(live: LiveApp, principal: Principal): TaskReader {
  const em = live.orm.em.fork();
  const scope = { live, principal };
  const entities = new Set(live.items.flatMap((item) => (item.kind === 'workflow' ? [item.entity] : [])));
  const alternatives: string[] = [];
  const params: unknown[] = [];
  for (const name of entities) {
    const entity = live.entities.get(name);
    const schema = live.schemas.get(name);
    if (!entity || !schema) continue;
    const auth = authorization(scope, entity, 'read');
    if (!auth.allowed) continue;
    if (auth.rowFilters === null) {
      alternatives.push('t.entity = ?');
      params.push(name);
      continue;
    }
    const ids = em
      .createQueryBuilder(schema as EntitySchema, 'p')
      .select('p.id')
      .where(rowPolicyFilter(scope, { entity, auth }) as never);
    alternatives.push(`(t.entity = ? and t.record_id in (${ids.getQuery()}))`);
    params.push(name, ...ids.getParams());
  }
  return { principal, readable: { sql: alternatives.length > 0 ? `(${alternatives.join(' or ')})` : 'false', params } };
}
