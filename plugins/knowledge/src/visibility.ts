import type { Actor } from '@kiban/sdk';

export type Classification = 'public' | 'staff' | 'confidential';

/** Staff with this role (or administrators) also find confidential knowledge. */
export const CONFIDENTIAL_ROLE = 'knowledge-confidential';

/**
 * What an actor may find: residents and anonymous visitors public knowledge only, staff also
 * staff-only knowledge, confidential knowledge only staff holding the confidential role.
 */
export function visibleClassifications(actor: Actor | undefined): Classification[] {
  if (!actor) return ['public'];
  if (actor.kind === 'system') return ['public', 'staff', 'confidential'];
  if (actor.principalKind === 'resident') return ['public'];
  if (actor.roles.includes(CONFIDENTIAL_ROLE) || actor.roles.includes('admin'))
    return ['public', 'staff', 'confidential'];
  return ['public', 'staff'];
}
