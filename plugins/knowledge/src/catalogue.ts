import type { Actor, Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { listAll } from './list-all.ts';

export interface CatalogueEntry {
  entity: string;
  /** The document, city or category the records came from. */
  source: string;
  records: number;
  published: number;
  /** Submitted for review, not yet approved or sent back. */
  inReview: number;
  lastChanged: string | null;
  reviewOverdue: number;
}

const GROUPED_BY: Record<string, (record: Record<string, unknown>) => string> = {
  KnowledgeFaq: (record) => String(record.category ?? '').split('/')[0] || '—',
  Benefit: (record) => String(record.ownerDepartment ?? '') || '—',
  KnowledgeArticle: (record) => String(record.source ?? '') || '—',
  SortingItem: (record) => String(record.city ?? '') || '—',
};

/** Sources of the knowledge base, their sizes and freshness, and how many are past their review date. */
export async function catalogue(ctx: PluginContext, today: string): Promise<CatalogueEntry[]> {
  const entries = new Map<string, CatalogueEntry>();
  for (const [entity, groupOf] of Object.entries(GROUPED_BY)) {
    for (const record of await listAll(ctx, entity)) {
      const source = groupOf(record);
      const key = `${entity}|${source}`;
      const entry = entries.get(key) ?? {
        entity,
        source,
        records: 0,
        published: 0,
        inReview: 0,
        lastChanged: null,
        reviewOverdue: 0,
      };
      entry.records++;
      if (record.status === 'published' || entity === 'SortingItem') entry.published++;
      if (record.review === 'inReview') entry.inReview++;
      const changed = String(record.updatedAt ?? '');
      if (!entry.lastChanged || changed > entry.lastChanged) entry.lastChanged = changed || null;
      if (typeof record.reviewDate === 'string' && record.reviewDate < today) entry.reviewOverdue++;
      entries.set(key, entry);
    }
  }
  return [...entries.values()].sort(
    (left, right) => left.entity.localeCompare(right.entity) || left.source.localeCompare(right.source),
  );
}

function isStaff(actor: Actor): boolean {
  return actor.kind === 'system' || actor.principalKind === 'staff';
}

/** `GET /api/plugins/knowledge/catalogue`: staff only (403 otherwise). */
export function knowledgeRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/catalogue', async (c) => {
    if (!isStaff(c.get('actor'))) {
      return c.json(
        { error: { code: 'knowledge.forbidden', message: 'Only staff may read the catalogue.', details: [] } },
        403,
      );
    }
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
    return c.json({ sources: await catalogue(ctx, today) });
  });
}
