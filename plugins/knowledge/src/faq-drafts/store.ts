import type { PluginContext } from '@kiban/sdk';
import type { Signal } from './signals.ts';

/** A draft the job wrote for one cluster of signals, and what became of it. */
export interface DraftRow {
  clusterKey: string;
  kind: 'new' | 'change';
  faqId: string;
  /** For a change: the published entry the revision revises. */
  targetFaqId: string | null;
  terms: string[];
  signals: Signal[];
  signalCount: number;
  firstAt: string;
  lastAt: string;
  dismissed: boolean;
}

/** Evidence kept per draft: the newest signals, masked, enough for a reviewer to see why. */
export const MAX_SIGNALS_KEPT = 30;

function toRow(row: Record<string, unknown>): DraftRow {
  return {
    clusterKey: String(row.cluster_key),
    kind: row.kind as DraftRow['kind'],
    faqId: String(row.faq_id),
    targetFaqId: (row.target_faq_id as string | null) ?? null,
    terms: row.terms as string[],
    signals: row.signals as Signal[],
    signalCount: Number(row.signal_count),
    firstAt: new Date(row.first_at as string).toISOString(),
    lastAt: new Date(row.last_at as string).toISOString(),
    dismissed: row.dismissed === true,
  };
}

export async function allDrafts(ctx: PluginContext): Promise<DraftRow[]> {
  const { rows } = await ctx.sql.query<Record<string, unknown>>('select * from faq_draft order by last_at desc');
  return rows.map(toRow);
}

export async function draftOfFaq(ctx: PluginContext, faqId: string): Promise<DraftRow | undefined> {
  const { rows } = await ctx.sql.query<Record<string, unknown>>('select * from faq_draft where faq_id = $1', [faqId]);
  return rows[0] ? toRow(rows[0]) : undefined;
}

export async function insertDraft(ctx: PluginContext, draft: Omit<DraftRow, 'dismissed'>): Promise<void> {
  await ctx.sql.query(
    `insert into faq_draft (cluster_key, kind, faq_id, target_faq_id, terms, signals, signal_count, first_at, last_at)
     values ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9)`,
    [
      draft.clusterKey,
      draft.kind,
      draft.faqId,
      draft.targetFaqId,
      JSON.stringify(draft.terms),
      JSON.stringify(draft.signals.slice(0, MAX_SIGNALS_KEPT)),
      draft.signalCount,
      draft.firstAt,
      draft.lastAt,
    ],
  );
}

/** The evidence of an open draft, renewed from this run's cluster (the record itself is the staff's to edit). */
export async function renewEvidence(
  ctx: PluginContext,
  clusterKey: string,
  evidence: Pick<DraftRow, 'signals' | 'signalCount' | 'firstAt' | 'lastAt'>,
): Promise<void> {
  await ctx.sql.query(
    `update faq_draft set signals = $2::jsonb, signal_count = $3, first_at = least(first_at, $4), last_at = $5,
       updated_at = now() where cluster_key = $1`,
    [
      clusterKey,
      JSON.stringify(evidence.signals.slice(0, MAX_SIGNALS_KEPT)),
      evidence.signalCount,
      evidence.firstAt,
      evidence.lastAt,
    ],
  );
}

export async function markDismissed(ctx: PluginContext, clusterKey: string): Promise<void> {
  await ctx.sql.query('update faq_draft set dismissed = true, updated_at = now() where cluster_key = $1', [clusterKey]);
}
