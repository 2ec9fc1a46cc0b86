import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import { listAsActor } from '../review/staff-reader.ts';

const SYSTEM: Actor = { kind: 'system' };
const CONCIERGE = 'ai-concierge';

/** One hint that the FAQ is missing or failing something. */
export interface Signal {
  kind: 'zeroResult' | 'searchNotHelpful' | 'conciergeDeclined' | 'conciergeNotHelpful';
  /** What was asked; masked before it goes anywhere else. */
  text: string;
  at: string;
  /** The FAQ entry the unhelpful answer was (its record id), when one was. */
  faqId?: string;
  /** The resident's own words on what was missing (search feedback), masked too. */
  comment?: string;
}

/** Texts masked per call (the action takes at most 10,000). */
const MASK_BATCH = 2_000;
/** The masker's placeholders (〔氏名〕 …): they carry no topic. */
export const PLACEHOLDER = /〔[^〕]*〕/gu;
const FAQ_PASSAGE = /^KnowledgeFaq:(.+)$/u;

/**
 * The signals of the last days: searches that found nothing, search answers rated "did not
 * help" (with the comment), and — when the concierge runs — its declined questions and its
 * answers rated "did not help" (with the FAQ entry they cited first).
 */
export async function collectSignals(ctx: PluginContext, since: string): Promise<Signal[]> {
  const signals: Signal[] = [];
  for (const row of await listAsActor(ctx, SYSTEM, 'ZeroResultQuery', since))
    signals.push({ kind: 'zeroResult', text: String(row.query ?? ''), at: String(row.createdAt) });
  for (const row of await listAsActor(ctx, SYSTEM, 'SearchFeedback', since)) {
    if (row.helpful !== false) continue;
    signals.push({
      kind: 'searchNotHelpful',
      text: String(row.query ?? ''),
      at: String(row.createdAt),
      ...(row.resultKind === 'faq' && row.resultId ? { faqId: String(row.resultId) } : {}),
      ...(typeof row.comment === 'string' && row.comment.trim() ? { comment: row.comment.trim() } : {}),
    });
  }
  if (ctx.plugins.has(CONCIERGE)) {
    const { signals: concierge } = await ctx.plugins.call<{
      signals: Array<{ kind: Signal['kind']; text: string; at: string; cited: string[] }>;
    }>(CONCIERGE, 'faqSignals', { since }, SYSTEM);
    for (const signal of concierge) {
      const faqId = signal.cited.map((id) => FAQ_PASSAGE.exec(id)?.[1]).find(Boolean);
      signals.push({ kind: signal.kind, text: signal.text, at: signal.at, ...(faqId ? { faqId } : {}) });
    }
  }
  return withoutEchoes(signals.filter((signal) => signal.text.trim() !== ''));
}

/** How far apart a concierge question and the search it made are logged. */
const ECHO_MILLISECONDS = 60_000;
const folded = (text: string) => text.replace(PLACEHOLDER, '').replace(/\s+/gu, '');

/**
 * A concierge question that found nothing is logged twice: as its declined turn and as the
 * zero-result search it made (placeholders blanked). The search's copy is dropped, so one
 * question counts once.
 */
function withoutEchoes(signals: Signal[]): Signal[] {
  const asked = signals.filter((signal) => signal.kind === 'conciergeDeclined');
  return signals.filter(
    (signal) =>
      signal.kind !== 'zeroResult' ||
      !asked.some(
        (question) =>
          folded(question.text) === folded(signal.text) &&
          Math.abs(Date.parse(question.at) - Date.parse(signal.at)) < ECHO_MILLISECONDS,
      ),
  );
}

/**
 * The signals with every text masked by the concierge's masker (names, addresses, phone
 * numbers, e-mail, My Number, birth dates): the one masker of the platform. Without the
 * concierge nothing can be masked, so nothing is drafted.
 */
export async function maskSignals(ctx: PluginContext, signals: Signal[]): Promise<Signal[]> {
  if (!ctx.plugins.has(CONCIERGE))
    throw new PluginError('knowledge.maskerUnavailable', 503, {
      ja: '個人情報を伏せる機能（AIコンシェルジュ）が動いていないため、FAQ の下書きは作れません。',
      en: 'The personal-data masker (the AI concierge) is not running, so no FAQ draft can be written.',
    });
  const texts = signals.flatMap((signal) => [signal.text, signal.comment ?? '']);
  const masked: string[] = [];
  for (let start = 0; start < texts.length; start += MASK_BATCH) {
    const batch = texts.slice(start, start + MASK_BATCH);
    masked.push(
      ...(await ctx.plugins.call<{ texts: string[] }>(CONCIERGE, 'maskTexts', { texts: batch }, SYSTEM)).texts,
    );
  }
  return signals.map((signal, index) => {
    const comment = masked[index * 2 + 1];
    return { ...signal, text: masked[index * 2] ?? '', ...(signal.comment ? { comment } : {}) };
  });
}
