import type { Actor, PluginContext } from '@kiban/sdk';
import type { ToolCallTrace } from '../agents/agent-tools.ts';
import { tracesStaffOnly } from './errors.ts';
import type { TraceQuery } from './trace-query.ts';

/** Staff with this role (or administrators) read the traces of every conversation. */
export const REVIEWER_ROLE = 'concierge-editor';

export interface TurnTrace {
  at: string;
  status: string;
  mode: string;
  model: string | null;
  language: { requested: string; answered: string | null };
  /** The question as stored: masked before anything was searched or sent. */
  maskedQuestion: string;
  retrieved: Array<{ id: string; title: string; score: number; searchScore?: number }>;
  cited: string[];
  fallbackReason: string | null;
  latencyMs: number | null;
  promptTokens: number;
  completionTokens: number;
  /** The asker's "did this help?": true, false, or null when not rated. */
  helpful: boolean | null;
  /** The agent that ran, or null for the concierge's own settings. */
  agent: string | null;
  /** The actions the agent's model asked for, each with its masked input and output and what became of it. */
  toolCalls: ToolCallTrace[];
  /** Why the turn was not answered from a passage (`nothingGoodEnough`, `personalRecords` …), or null. */
  declinedReason: string | null;
}

export interface ConversationTrace {
  id: string;
  /** `resident`, `staff` …: who asked, by kind only. */
  askedBy: string;
  createdAt: string;
  promptTokens: number;
  completionTokens: number;
  cost: number;
  turns: TurnTrace[];
}

/**
 * A page of conversations, newest first, with the trace of each turn, for the staff who review
 * the concierge — all, or those with a turn of one status, or with an answer rated unhelpful.
 * Only masked questions are stored, and the asker is named by kind, not by id.
 */
export async function listTraces(
  ctx: PluginContext,
  actor: Actor,
  limit: number,
  query: TraceQuery = { offset: 0 },
): Promise<ConversationTrace[]> {
  assertReviewer(actor);
  const { rows: conversations } = await ctx.sql.query<{
    id: string;
    actor_key: string;
    created_at: Date | string;
    prompt_tokens: string;
    completion_tokens: string;
    cost: string;
  }>(
    `SELECT id, actor_key, created_at, prompt_tokens, completion_tokens, cost FROM conversation c
      WHERE turns > 0
        AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM turn t WHERE t.conversation_id = c.id AND t.status = $3))
        AND (NOT $4 OR EXISTS (SELECT 1 FROM feedback f WHERE f.conversation_id = c.id AND NOT f.helpful))
        AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM turn t WHERE t.conversation_id = c.id AND t.agent = $5))
      ORDER BY created_at DESC, id LIMIT $1 OFFSET $2`,
    [limit, query.offset, query.status ?? null, query.notHelpful === true, query.agent ?? null],
  );
  if (conversations.length === 0) return [];
  const { rows: turns } = await ctx.sql.query<Record<string, unknown>>(
    `SELECT conversation_id, at, status, mode, model, language, answered_language, masked_question, retrieved, cited,
            fallback_reason, latency_ms, prompt_tokens, completion_tokens, agent, tool_calls, declined_reason
       FROM turn WHERE conversation_id = ANY($1::uuid[]) ORDER BY at, id`,
    [conversations.map((conversation) => conversation.id)],
  );
  const { rows: ratings } = await ctx.sql.query<{ conversation_id: string; turn: number; helpful: boolean }>(
    'SELECT conversation_id, turn, helpful FROM feedback WHERE conversation_id = ANY($1::uuid[])',
    [conversations.map((conversation) => conversation.id)],
  );
  const helpful = new Map(ratings.map((rating) => [`${rating.conversation_id}#${rating.turn}`, rating.helpful]));
  await ctx.audit({ actor, action: 'ai-concierge.readTraces', details: { conversations: conversations.length } });
  return conversations.map((conversation) => ({
    id: conversation.id,
    askedBy: conversation.actor_key.split(':')[0] ?? '',
    createdAt: new Date(conversation.created_at).toISOString(),
    promptTokens: Number(conversation.prompt_tokens),
    completionTokens: Number(conversation.completion_tokens),
    cost: Number(conversation.cost),
    turns: turns
      .filter((turn) => turn.conversation_id === conversation.id)
      .map((turn, index) => toTrace(turn, helpful.get(`${conversation.id}#${index + 1}`) ?? null)),
  }));
}

function toTrace(row: Record<string, unknown>, helpful: boolean | null): TurnTrace {
  return {
    at: new Date(row.at as string).toISOString(),
    status: String(row.status),
    mode: String(row.mode),
    model: (row.model as string | null) ?? null,
    language: { requested: String(row.language), answered: (row.answered_language as string | null) ?? null },
    maskedQuestion: String(row.masked_question),
    retrieved: row.retrieved as TurnTrace['retrieved'],
    cited: row.cited as string[],
    fallbackReason: (row.fallback_reason as string | null) ?? null,
    latencyMs: row.latency_ms === null ? null : Number(row.latency_ms),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    helpful,
    agent: (row.agent as string | null) ?? null,
    toolCalls: row.tool_calls as ToolCallTrace[],
    declinedReason: (row.declined_reason as string | null) ?? null,
  };
}

/** Refuses (403) anyone but the concierge's reviewers: checked before a query is even read. */
export function assertReviewer(actor: Actor): void {
  if (!mayReview(actor)) throw tracesStaffOnly();
}

function mayReview(actor: Actor): boolean {
  if (actor.kind === 'system') return true;
  return actor.principalKind === 'staff' && (actor.roles.includes(REVIEWER_ROLE) || actor.roles.includes('admin'));
}
