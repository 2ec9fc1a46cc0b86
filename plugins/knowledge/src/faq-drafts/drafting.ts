import { createHash } from 'node:crypto';
import type { Actor, DataApi, PluginContext, RecordData } from '@kiban/sdk';
import { ANSWER_TO_WRITE } from '../review/actions.ts';
import { daysAgo } from '../review/staff-reader.ts';
import { contentOf } from '../revisions/revisions.ts';
import type { Analyzer } from '../search/index.ts';
import { type Cluster, type ClusterInput, clusterSignals, signalTerms } from './clusters.ts';
import { collectSignals, maskSignals, PLACEHOLDER, type Signal } from './signals.ts';
import { allDrafts, type DraftRow, insertDraft, renewEvidence } from './store.ts';

const SYSTEM: Actor = { kind: 'system' };

export interface DraftingOptions {
  /** Signals of the last `days` days. */
  days: number;
  /** A cluster needs this many signals to be drafted. */
  minimumSignals: number;
  /** At most this many new drafts a run, the largest and newest clusters first. */
  maxDrafts: number;
}

export const DRAFTING_DEFAULTS: DraftingOptions = { days: 30, minimumSignals: 3, maxDrafts: 20 };

/** How alike (cosine of idf-weighted reading bigrams) a signal must be to a cluster to join it. */
export const CLUSTER_THRESHOLD = 0.3;
/** How alike a cluster's terms must be to a stored draft's to be that draft again. */
const SAME_CLUSTER = 0.5;

export interface DraftingSummary {
  signals: number;
  clusters: number;
  created: Array<{ faqId: string; kind: DraftRow['kind']; question: string; signals: number }>;
  renewed: number;
  skipped: { dismissed: number; answered: number };
}

/**
 * The FAQ drafting run: the signals of the last days, masked, grouped by what they ask, and
 * for each cluster large enough either a new FAQ draft (its question the cluster's most
 * typical wording, the answer left to staff) or, when most of its signals are "did not help"
 * on one published entry, a revision of that entry. Drafts enter the `faq-review` workflow
 * like any editor's draft; nothing is published here. A cluster drafted before is known by
 * its terms: its evidence is renewed while the draft is open, and a dismissed or answered
 * cluster is not drafted again.
 */
export async function draftFaqs(
  ctx: PluginContext,
  analyzer: Analyzer,
  options: DraftingOptions,
  actor: Actor = SYSTEM,
): Promise<DraftingSummary> {
  const signals = await maskSignals(ctx, await collectSignals(ctx, daysAgo(options.days)));
  const inputs: Array<ClusterInput<Signal>> = signals.map((signal) => ({
    signal,
    terms: signalTerms(analyzer.analyzeQuery(signal.text.replace(PLACEHOLDER, ' '))),
    at: signal.at,
  }));
  const clusters = clusterSignals(inputs, CLUSTER_THRESHOLD)
    .filter((cluster) => cluster.members.length >= options.minimumSignals)
    .sort((left, right) => right.members.length - left.members.length || right.lastAt.localeCompare(left.lastAt));
  const summary: DraftingSummary = {
    signals: signals.length,
    clusters: clusters.length,
    created: [],
    renewed: 0,
    skipped: { dismissed: 0, answered: 0 },
  };
  const known = await allDrafts(ctx);
  const data = ctx.data(SYSTEM);
  for (const cluster of clusters) {
    const terms = [...cluster.profile.keys()].sort();
    const evidence = evidenceOf(cluster);
    const previous = known.find((draft) => overlap(draft.terms, terms) >= SAME_CLUSTER);
    if (previous) {
      await revisit(ctx, data, previous, evidence, summary);
      continue;
    }
    if (summary.created.length >= options.maxDrafts) continue;
    const question = representative(cluster);
    const target = await changeTarget(data, cluster);
    const faqId = target
      ? await revisionOf(data, target)
      : String((await data.create('KnowledgeFaq', newDraft(question))).id);
    // A revision already opened for another cluster about the same entry takes this evidence too.
    const sharing = known.find((draft) => draft.faqId === faqId);
    if (sharing) {
      await revisit(ctx, data, sharing, evidence, summary);
      continue;
    }
    const draft = {
      clusterKey: `${target ? 'change' : 'new'}:${createHash('sha256').update(terms.join(' ')).digest('hex').slice(0, 24)}`,
      kind: target ? ('change' as const) : ('new' as const),
      faqId,
      targetFaqId: target ? String(target.id) : null,
      terms,
      ...evidence,
    };
    await insertDraft(ctx, draft);
    known.push({ ...draft, dismissed: false });
    summary.created.push({ faqId, kind: draft.kind, question, signals: evidence.signalCount });
  }
  await ctx.audit({
    actor,
    action: 'knowledge.faqDraftsWritten',
    details: { signals: summary.signals, clusters: summary.clusters, created: summary.created.length },
  });
  return summary;
}

/** An open draft gets the newer evidence; a dismissed, published, archived or deleted one is left alone. */
async function revisit(
  ctx: PluginContext,
  data: DataApi,
  previous: DraftRow,
  evidence: ReturnType<typeof evidenceOf>,
  summary: DraftingSummary,
): Promise<void> {
  if (previous.dismissed) {
    summary.skipped.dismissed++;
    return;
  }
  const [record] = await data.list('KnowledgeFaq', { filter: { id: { eq: previous.faqId } }, limit: 1 });
  if (!record || (record.review !== 'editing' && record.review !== 'inReview')) {
    summary.skipped.answered++;
    return;
  }
  await renewEvidence(ctx, previous.clusterKey, evidence);
  summary.renewed++;
}

function evidenceOf(cluster: Cluster<Signal>) {
  const ats = cluster.members.map((member) => member.at).sort();
  return {
    signals: cluster.members.map((member) => member.signal),
    signalCount: cluster.members.length,
    firstAt: ats[0] as string,
    lastAt: ats.at(-1) as string,
  };
}

/**
 * The wording whose terms the cluster shares most: the question most of its askers would
 * recognise; one with fewer masked parts reads better as a question, so it is preferred.
 */
function representative(cluster: Cluster<Signal>): string {
  let best = cluster.members[0];
  let bestScore = -1;
  for (const member of cluster.members) {
    let shared = 0;
    for (const term of member.terms) shared += cluster.profile.get(term) ?? 0;
    const masked = member.signal.text.match(PLACEHOLDER)?.length ?? 0;
    const score = shared / Math.sqrt(member.terms.size) / (1 + masked);
    if (score > bestScore) {
      best = member;
      bestScore = score;
    }
  }
  return (best?.signal.text ?? '').trim().slice(0, 500);
}

/** The published entry at least half of the cluster's signals say did not help, if any. */
async function changeTarget(data: DataApi, cluster: Cluster<Signal>): Promise<RecordData | undefined> {
  const counts = new Map<string, number>();
  for (const { signal } of cluster.members)
    if (signal.faqId) counts.set(signal.faqId, (counts.get(signal.faqId) ?? 0) + 1);
  const [faqId, count] = [...counts].sort((left, right) => right[1] - left[1])[0] ?? [];
  if (!faqId || (count ?? 0) * 2 < cluster.members.length) return undefined;
  const [record] = await data.list('KnowledgeFaq', { filter: { id: { eq: faqId } }, limit: 1 });
  return record?.status === 'published' && !record.revisionOf ? record : undefined;
}

/** The open revision of a published entry, or a new one (the published version stays online). */
async function revisionOf(data: DataApi, original: RecordData): Promise<string> {
  const [open] = await data.list('KnowledgeFaq', { filter: { revisionOf: { eq: String(original.id) } }, limit: 1 });
  if (open) return String(open.id);
  return String((await data.create('KnowledgeFaq', { ...contentOf(original), revisionOf: String(original.id) })).id);
}

function newDraft(question: string): RecordData {
  return { question, answer: ANSWER_TO_WRITE.ja, classification: 'public' };
}

function overlap(left: string[], right: string[]): number {
  if (left.length === 0 || right.length === 0) return 0;
  const set = new Set(left);
  const shared = right.filter((term) => set.has(term)).length;
  return shared / Math.sqrt(left.length * right.length);
}
