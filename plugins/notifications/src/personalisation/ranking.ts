import type { Signal } from './signals.ts';

/** Why an item moved up: the resident's own signal that counted most for it. */
export type RankReason = { kind: 'viewed'; title: string } | { kind: 'searched'; query: string };

export interface RankableItem {
  id: string;
  category: string | null;
  /** The texts a search may have been about, in any language shown. */
  texts: string[];
}

export interface Ranked<T> {
  item: T;
  score: number;
  reason: RankReason | null;
  dismissed: boolean;
}

const HALF_LIFE_DAYS = 30;
const VIEWED_CATEGORY = 1;
const SEARCHED_TEXT = 1.5;
const DISMISSED_CATEGORY = -0.5;

/** A signal counts half after a month, a quarter after two. */
function weightOf(signal: Signal, now: number): number {
  const days = Math.max(0, (now - Date.parse(signal.createdAt)) / 86_400_000);
  return 0.5 ** (days / HALF_LIFE_DAYS);
}

/**
 * Re-ranks items (given in their unpersonalised order) by the resident's signals: viewing an
 * item lifts its category, a search lifts the items it finds, a dismissal sinks the item to
 * the end and weighs a little against its category. The unpersonalised order breaks ties, so
 * no signals means no change. Each lifted item carries the signal that lifted it most.
 */
export function rank<T extends RankableItem>(items: T[], signals: Signal[], now = Date.now()): Ranked<T>[] {
  const dismissed = new Set(signals.filter((signal) => signal.kind === 'dismiss').map((signal) => signal.itemId));
  const ranked = items.map((item, position) => {
    let score = 0;
    let best: { weight: number; reason: RankReason } | undefined;
    for (const signal of signals) {
      const weight = weightOf(signal, now);
      let lift = 0;
      let reason: RankReason | undefined;
      if (signal.kind === 'view' && signal.category && signal.category === item.category) {
        lift = VIEWED_CATEGORY * weight;
        reason = { kind: 'viewed', title: signal.itemTitle ?? '' };
      } else if (signal.kind === 'search' && signal.query && matchesQuery(item, signal.query)) {
        lift = SEARCHED_TEXT * weight;
        reason = { kind: 'searched', query: signal.query };
      } else if (signal.kind === 'dismiss' && signal.category && signal.category === item.category) {
        lift = DISMISSED_CATEGORY * weight;
      }
      score += lift;
      if (reason && lift > 0 && signal.itemId !== item.id && (!best || lift > best.weight)) {
        best = { weight: lift, reason };
      }
    }
    const isDismissed = dismissed.has(item.id);
    return {
      item,
      score,
      reason: isDismissed || score <= 0 ? null : (best?.reason ?? null),
      dismissed: isDismissed,
      position,
    };
  });
  ranked.sort((a, b) => Number(a.dismissed) - Number(b.dismissed) || b.score - a.score || a.position - b.position);
  return ranked.map(({ position: _position, ...rest }) => rest);
}

function matchesQuery(item: RankableItem, query: string): boolean {
  const needle = query.toLowerCase();
  return item.texts.some((text) => text.toLowerCase().includes(needle));
}
