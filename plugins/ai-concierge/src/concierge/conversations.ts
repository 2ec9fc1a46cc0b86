import { randomUUID } from 'node:crypto';
import type { Actor, PluginContext } from '@kiban/sdk';
import type { ToolCallTrace } from '../agents/agent-tools.ts';
import type { TokenUsage } from '../llm/chat-model.ts';
import { conversationNotFound } from './errors.ts';

export function actorKey(actor: Actor): string {
  return actor.kind === 'system' ? 'system' : `${actor.principalKind}:${actor.id}`;
}

export interface ConversationTotals {
  id: string;
  turns: number;
  promptTokens: number;
  completionTokens: number;
  cost: number;
}

/** The conversation `id` of this actor, or a new one when `id` is absent; another's is not found. */
export async function openConversation(ctx: PluginContext, actor: Actor, id: string | undefined): Promise<string> {
  if (id) {
    const { rows } = await ctx.sql.query('SELECT id FROM conversation WHERE id = $1 AND actor_key = $2', [
      id,
      actorKey(actor),
    ]);
    if (rows.length === 0) throw conversationNotFound();
    return id;
  }
  const created = randomUUID();
  await ctx.sql.query('INSERT INTO conversation (id, actor_key) VALUES ($1, $2)', [created, actorKey(actor)]);
  return created;
}

export interface TurnRecord {
  status: string;
  mode: string;
  maskedQuestion: string;
  /** What the resident was told: the city's knowledge quoted, or a fixed text (kept for a handoff's transcript). */
  answer: string;
  cited: string[];
  fallbackReason?: string;
  usage: TokenUsage;
  cost: number;
  language: { requested: string; answered: string };
  /** The passages the search returned, with their coverage and the search's own score. */
  retrieved: Array<{ id: string; title: string; score: number; searchScore?: number }>;
  latencyMs: number;
  model?: string;
  /** The agent that ran, and the actions its model called (masked). */
  agent?: string;
  toolCalls: ToolCallTrace[];
  /** Why it was not answered from a passage, when it was not. */
  declinedReason?: string;
}

/** One question and what became of it (the question masked), and the conversation's running totals. */
export async function recordTurn(
  ctx: PluginContext,
  conversationId: string,
  turn: TurnRecord,
): Promise<ConversationTotals> {
  await ctx.sql.query(
    `INSERT INTO turn (conversation_id, status, mode, masked_question, cited, fallback_reason, prompt_tokens,
       completion_tokens, language, answered_language, retrieved, latency_ms, model, answer, agent, tool_calls,
       declined_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13, $14, $15, $16::jsonb, $17)`,
    [
      conversationId,
      turn.status,
      turn.mode,
      turn.maskedQuestion,
      turn.cited,
      turn.fallbackReason ?? null,
      turn.usage.promptTokens,
      turn.usage.completionTokens,
      turn.language.requested,
      turn.language.answered,
      JSON.stringify(turn.retrieved),
      turn.latencyMs,
      turn.model ?? null,
      turn.answer,
      turn.agent ?? null,
      JSON.stringify(turn.toolCalls),
      turn.declinedReason ?? null,
    ],
  );
  const { rows } = await ctx.sql.query<{
    turns: number;
    prompt_tokens: string;
    completion_tokens: string;
    cost: string;
  }>(
    `UPDATE conversation SET turns = turns + 1, prompt_tokens = prompt_tokens + $2,
       completion_tokens = completion_tokens + $3, cost = cost + $4
     WHERE id = $1 RETURNING turns, prompt_tokens, completion_tokens, cost`,
    [conversationId, turn.usage.promptTokens, turn.usage.completionTokens, turn.cost],
  );
  const row = rows[0] as { turns: number; prompt_tokens: string; completion_tokens: string; cost: string };
  return {
    id: conversationId,
    turns: Number(row.turns),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    cost: Number(row.cost),
  };
}

export async function conversationTotals(ctx: PluginContext, actor: Actor, id: string): Promise<ConversationTotals> {
  const { rows } = await ctx.sql.query<{
    turns: number;
    prompt_tokens: string;
    completion_tokens: string;
    cost: string;
  }>('SELECT turns, prompt_tokens, completion_tokens, cost FROM conversation WHERE id = $1 AND actor_key = $2', [
    id,
    actorKey(actor),
  ]);
  const row = rows[0];
  if (!row) throw conversationNotFound();
  return {
    id,
    turns: Number(row.turns),
    promptTokens: Number(row.prompt_tokens),
    completionTokens: Number(row.completion_tokens),
    cost: Number(row.cost),
  };
}
