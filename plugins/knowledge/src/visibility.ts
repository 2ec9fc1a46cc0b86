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

/** A passage as far as who may read it goes. */
export interface ReadableMeta {
  classification: Classification;
  department?: string;
}

/**
 * Whether `actor` may read a passage: by classification, and a staff member also reads the
 * confidential knowledge their own department owns (a ward office's handling notes) without the
 * city-wide confidential role.
 */
export function knowledgeReader(actor: Actor | undefined): (meta: ReadableMeta) => boolean {
  const visible = new Set<Classification>(visibleClassifications(actor));
  const department =
    !visible.has('confidential') && actor?.kind === 'principal' && actor.principalKind === 'staff'
      ? (actor.department ?? null)
      : null;
  return (meta) =>
    visible.has(meta.classification) ||
    (department !== null && meta.classification === 'confidential' && meta.department === department);
}
