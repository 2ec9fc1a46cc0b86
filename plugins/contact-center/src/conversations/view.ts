import type { PluginContext } from '@kiban/sdk';
import { type AnsweredBy, type ConversationRow, iso } from './rows.ts';
import { answeredBy } from './store.ts';

export interface ConversationView {
  id: string;
  channel: string;
  status: string;
  tier: string;
  queue: string | null;
  category: string | null;
  language: string;
  lastSeq: number;
  answeredBy: AnsweredBy;
  createdAt: string;
  queuedAt: string | null;
  assignedAt: string | null;
  firstResponseAt: string | null;
  closedAt: string | null;
  crmCase: string | null;
}

export async function conversationView(ctx: PluginContext, row: ConversationRow): Promise<ConversationView> {
  return {
    id: row.id,
    channel: row.channel,
    status: row.status,
    tier: row.tier,
    queue: row.queue,
    category: row.category,
    language: row.language,
    lastSeq: row.last_seq,
    answeredBy: await answeredBy(ctx, row),
    createdAt: new Date(row.created_at).toISOString(),
    queuedAt: iso(row.queued_at),
    assignedAt: iso(row.assigned_at),
    firstResponseAt: iso(row.first_response_at),
    closedAt: iso(row.closed_at),
    crmCase: row.crm_case,
  };
}
