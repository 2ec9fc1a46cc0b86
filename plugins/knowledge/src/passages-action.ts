import type { ActionContribution, Actor, PluginContext } from '@kiban/sdk';
import { documentOf, SOURCE_ENTITIES } from './sources.ts';
import { knowledgeReader } from './visibility.ts';

/** `Entity:recordId`, as search results name their entity and record. */
const PASSAGE_ID =
  '^(KnowledgeFaq|Benefit|KnowledgeArticle|SortingItem):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export const passagesInputSchema = {
  type: 'object',
  required: ['ids'],
  additionalProperties: false,
  properties: { ids: { type: 'array', minItems: 1, maxItems: 20, items: { type: 'string', pattern: PASSAGE_ID } } },
};

/** The whole passage of a search result, as an answerer quotes and cites it. */
export interface KnowledgePassage {
  id: string;
  entity: string;
  recordId: string;
  /** The FAQ's own id in the city's catalogue, when it has one. */
  externalId?: string;
  title: string;
  text: string;
  url?: string;
  classification: string;
  /** The department that owns the record and answers questions about it. */
  department?: string;
}

/**
 * `knowledge.passages`: the full text of passages a search found (`Entity:recordId`), in the
 * order asked, for the AI concierge to quote and cite. Only what `actor` may find is answered —
 * the search's own rule (published records of a visible classification); any other id is left
 * out, exactly like a record that does not exist.
 */
export const passagesAction: ActionContribution = {
  name: 'passages',
  label: { ja: 'パッセージの全文', en: 'Passages in full' },
  input: passagesInputSchema,
  handler: async (input, ctx) => ({ passages: await readPassages(ctx, ctx.actor, (input as { ids: string[] }).ids) }),
};

async function readPassages(ctx: PluginContext, actor: Actor, ids: string[]): Promise<KnowledgePassage[]> {
  const mayRead = knowledgeReader(actor);
  const data = ctx.data({ kind: 'system' });
  const passages: KnowledgePassage[] = [];
  for (const id of new Set(ids)) {
    const [entity = '', recordId = ''] = id.split(':');
    if (!SOURCE_ENTITIES[entity]) continue;
    const record = await data.get(entity, recordId).catch((error: { status?: number }) => {
      if (error.status === 404) return null;
      throw error;
    });
    const document = record ? documentOf(entity, record) : null;
    if (!record || !document || !mayRead(document.meta)) continue;
    const { meta } = document;
    passages.push({
      id,
      entity,
      recordId,
      externalId: typeof record.externalId === 'string' && record.externalId ? record.externalId : undefined,
      title: meta.title,
      text: meta.text,
      url: meta.url,
      classification: meta.classification,
      department:
        typeof record.ownerDepartment === 'string' && record.ownerDepartment ? record.ownerDepartment : undefined,
    });
  }
  return passages;
}
