import { type RankableItem, rank } from '../plugins/notifications/src/personalisation/ranking.ts';
import type { Signal } from '../plugins/notifications/src/personalisation/signals.ts';

const CATEGORIES = ['child', 'senior', 'health', 'tax', 'event', 'disaster', 'housing', 'work'];
const ITEMS_PER_CATEGORY = 25;
const RESIDENTS = 2000;
const HISTORY = 12;
const DAY_MS = 86_400_000;

/**
 * Offline evaluation of the personalised ranking (#9) on generated behaviour: each resident
 * cares about one or two categories (their views fall there 80 % of the time) and dismisses
 * items outside them now and then. The last view of each resident is held out; the rest is
 * their history. Reported: how often the held-out item is in the first 5 and its mean
 * reciprocal rank, personalised against the unpersonalised order (soonest ending first).
 */
export async function run(): Promise<void> {
  const random = seeded(20261207);
  const items: Array<RankableItem & { title: string }> = CATEGORIES.flatMap((category) =>
    Array.from({ length: ITEMS_PER_CATEGORY }, (_, index) => ({
      id: `${category}-${index}`,
      title: `${category} ${index}`,
      category,
      texts: [`${category} ${index}`],
    })),
  );
  // The unpersonalised order: by end date, which has nothing to do with anyone's interests.
  const baseOrder = shuffled(items, random);
  const now = Date.parse('2026-12-01T00:00:00Z');
  const totals = { base: { hits: 0, reciprocal: 0 }, personal: { hits: 0, reciprocal: 0 } };
  for (let resident = 0; resident < RESIDENTS; resident += 1) {
    const liked = [pick(CATEGORIES, random), ...(random() < 0.5 ? [pick(CATEGORIES, random)] : [])];
    const views = Array.from({ length: HISTORY + 1 }, () => {
      const category = random() < 0.8 ? pick(liked, random) : pick(CATEGORIES, random);
      return pick(
        items.filter((item) => item.category === category),
        random,
      );
    });
    const heldOut = views.pop();
    if (!heldOut) continue;
    const signals: Signal[] = views.map((item, index) => ({
      id: String(index),
      kind: 'view',
      itemId: item.id,
      itemTitle: item.title,
      category: item.category,
      query: null,
      createdAt: new Date(now - (HISTORY - index) * DAY_MS).toISOString(),
    }));
    for (let dismissal = 0; dismissal < 2; dismissal += 1) {
      const other = pick(
        items.filter((item) => !liked.includes(item.category ?? '') && item.id !== heldOut.id),
        random,
      );
      signals.push({
        id: `d${dismissal}`,
        kind: 'dismiss',
        itemId: other.id,
        itemTitle: other.title,
        category: other.category,
        query: null,
        createdAt: new Date(now - DAY_MS).toISOString(),
      });
    }
    const personal = rank(baseOrder, signals, now).map((ranked) => ranked.item.id);
    const base = baseOrder.map((item) => item.id);
    for (const [name, order] of [
      ['base', base],
      ['personal', personal],
    ] as const) {
      const position = order.indexOf(heldOut.id) + 1;
      totals[name].hits += position <= 5 ? 1 : 0;
      totals[name].reciprocal += 1 / position;
    }
  }
  const line = (label: string, total: { hits: number; reciprocal: number }) =>
    `${label.padEnd(28)} hit@5 ${((total.hits / RESIDENTS) * 100).toFixed(1).padStart(5)} %  MRR ${(total.reciprocal / RESIDENTS).toFixed(3)}`;
  console.log(`${RESIDENTS} generated residents, ${items.length} items, ${HISTORY} views each, the last held out`);
  console.log(line('unpersonalised (by end date)', totals.base));
  console.log(line('personalised ranking', totals.personal));
  console.log(
    `personalised beats unpersonalised: ${totals.personal.reciprocal > totals.base.reciprocal ? 'yes' : 'NO'} (MRR ×${(totals.personal.reciprocal / totals.base.reciprocal).toFixed(1)})`,
  );
}

function shuffled<T>(values: T[], random: () => number): T[] {
  const copy = [...values];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

function pick<T>(values: T[], random: () => number): T {
  return values[Math.floor(random() * values.length)] as T;
}

/** mulberry32: the same generated behaviour on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
