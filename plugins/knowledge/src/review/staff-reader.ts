import { type Actor, type PluginContext, PluginError, type RecordData } from '@kiban/sdk';

/** The roles the review pages are for; administrators too. */
const REVIEW_ROLES = ['knowledge-editor', 'knowledge-reviewer', 'admin'];

/** Refuses anyone but knowledge staff (403); the records are then read as them, under their policies. */
export function requireKnowledgeStaff(actor: Actor): void {
  if (actor.kind === 'system') return;
  if (actor.principalKind === 'staff' && actor.roles.some((role) => REVIEW_ROLES.includes(role))) return;
  throw new PluginError('knowledge.forbidden', 403, {
    ja: 'この一覧はナレッジ担当の職員だけが見られます。',
    en: 'Only knowledge staff may read this list.',
  });
}

const PAGE = 200;

/** Every record of `entity` newer than `since`, newest first, read as `actor` (their policies apply). */
export async function listAsActor(
  ctx: PluginContext,
  actor: Actor,
  entity: string,
  since: string,
  limit = 5_000,
): Promise<RecordData[]> {
  const data = ctx.data(actor);
  const out: RecordData[] = [];
  for (let offset = 0; out.length < limit; offset += PAGE) {
    const page = await data.list(entity, {
      filter: { createdAt: { gte: since } },
      sort: '-createdAt,id',
      limit: PAGE,
      offset,
    });
    out.push(...page);
    if (page.length < PAGE) break;
  }
  return out.slice(0, limit);
}

/** The ISO instant `days` days ago. */
export function daysAgo(days: number, now = new Date()): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}
