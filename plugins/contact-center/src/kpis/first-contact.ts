/** Wrap-up codes that mean the resident's matter was settled in the conversation. */
export const RESOLVING_WRAP_UPS = ['resolved', 'information'];

/**
 * First-contact resolution as a SQL condition over the conversation alias `c`: a person answered
 * it, and the person who took it closed it with a resolving wrap-up (`wrapUps`, the placeholder
 * bound to `RESOLVING_WRAP_UPS`), never transferring it on to another queue or department.
 */
export function firstContactResolvedSql(wrapUps: string): string {
  return `(c.assigned_at is not null and c.closed_at is not null and c.wrap_up = any(${wrapUps})
    and not exists (select 1 from handoff h where h.conversation_id = c.id and h.from_tier in ('operator', 'department')))`;
}
