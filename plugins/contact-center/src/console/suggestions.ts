import type { PluginContext } from '@kiban/sdk';
import type { ConversationRow } from '../conversations/rows.ts';
import type { Principal } from '../roles.ts';
import { CONCIERGE, KNOWLEDGE } from '../tiers/first-tier.ts';

/** An answer the operator may insert into the reply and edit before sending. */
export interface Suggestion {
  source: 'ai' | 'inquiry' | 'knowledge';
  title: string;
  text: string;
  /** Where the text comes from (knowledge passages or records), for the operator to check. */
  references: string[];
}

interface ConciergeDraft {
  status: 'answered' | 'declined' | 'refused' | 'unavailable';
  answer: string;
  citations?: { title?: string; id?: string }[];
  /** Answers staff gave to like inquiries (the CRM's cases), personal data masked. */
  pastAnswers?: { caseId: string; subject: string; answer: string }[];
}

interface KnowledgeSearch {
  results: { id?: string; title: string; passage: { text: string }[] }[];
}

/** How many of the resident's last messages make the question, and how many knowledge hits are offered. */
const LAST_MESSAGES = 3;
const KNOWLEDGE_SUGGESTIONS = 3;

/**
 * Suggestions for the resident's last messages: the AI concierge's draft (`ai-concierge.suggest`)
 * when it runs and can answer, with the answers given to like inquiries it found in the CRM, and the best knowledge hits (`knowledge.search`) when the
 * knowledge base runs — both asked as the operator, so they offer only what the operator may
 * read. Nothing when neither plugin runs or the resident has not written yet.
 */
export async function suggestionsFor(
  ctx: PluginContext,
  staff: Principal,
  conversation: ConversationRow,
): Promise<{ inquiry: string; suggestions: Suggestion[] }> {
  const { rows } = await ctx.sql.query<{ body: string }>(
    // Staff search in Japanese: a resident's message counts by its Japanese translation when it has one.
    `select coalesce(t.body, m.body) as body from message m
     left join message_translation t on t.message_id = m.id and t.language = 'ja' and t.status = 'translated'
     where m.conversation_id = $1 and m.author_kind = 'resident' order by m.seq desc limit $2`,
    [conversation.id, LAST_MESSAGES],
  );
  const inquiry = rows
    .map((row) => row.body)
    .reverse()
    .join('\n')
    .slice(-2000);
  if (!inquiry.trim()) return { inquiry, suggestions: [] };
  const suggestions: Suggestion[] = [];
  const language = conversation.language === 'en' ? 'en' : 'ja';
  if (ctx.plugins.has(CONCIERGE)) {
    const draft = await ctx.plugins.call<ConciergeDraft>(CONCIERGE, 'suggest', { inquiry, language }, staff);
    if (draft.status === 'answered')
      suggestions.push({
        source: 'ai',
        title: 'AI',
        text: draft.answer,
        references: (draft.citations ?? []).map((citation) => citation.title ?? citation.id ?? '').filter(Boolean),
      });
    for (const past of draft.pastAnswers ?? [])
      suggestions.push({
        source: 'inquiry',
        title: past.subject,
        text: past.answer,
        references: [`case:${past.caseId}`],
      });
  }
  if (ctx.plugins.has(KNOWLEDGE)) {
    const found = await ctx.plugins.call<KnowledgeSearch>(
      KNOWLEDGE,
      'search',
      { query: inquiry, limit: KNOWLEDGE_SUGGESTIONS },
      staff,
    );
    for (const result of found.results)
      suggestions.push({
        source: 'knowledge',
        title: result.title,
        text: result.passage.map((segment) => segment.text).join(''),
        references: [result.title],
      });
  }
  return { inquiry, suggestions };
}
