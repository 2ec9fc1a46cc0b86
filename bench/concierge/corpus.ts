import { readFileSync } from 'node:fs';
import type { IndexedPassage } from '../../plugins/ai-concierge/src/retrieval/interim-index.ts';

interface FaqRow {
  id: string;
  question: string;
  answer: string;
  url: string;
}

const FAQ_FILE = new URL('../../plugins/ai-concierge/eval/corpus/kobe-mynumber-faq.jsonl', import.meta.url);
const QUESTIONS_FILE = new URL('../../plugins/ai-concierge/eval/questions.jsonl', import.meta.url);

export function faqRows(): FaqRow[] {
  return readFileSync(FAQ_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as FaqRow);
}

export function benchQuestions(): string[] {
  return readFileSync(QUESTIONS_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { question: string }).question);
}

/** A small deterministic generator, so every run indexes the same passages. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/**
 * The 244 real FAQ passages, then synthetic ones up to `count`: a real question as the title
 * and three sentences drawn from all the real answers, a tenth of them staff-only — a corpus
 * with the vocabulary and lengths of the city's own text.
 */
export function passages(count: number): IndexedPassage[] {
  const rows = faqRows();
  const real: IndexedPassage[] = rows.map((row) => ({
    id: row.id,
    title: row.question,
    text: row.answer,
    url: row.url,
    classification: 'public',
  }));
  const sentences = rows.flatMap((row) => row.answer.match(/[^。\n]+。?/gu) ?? []);
  const next = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
  const synthetic: IndexedPassage[] = [];
  for (let i = real.length; i < count; i += 1) {
    synthetic.push({
      id: `synthetic-${i}`,
      title: pick(rows).question,
      text: [pick(sentences), pick(sentences), pick(sentences)].join(''),
      classification: i % 10 === 0 ? 'staff' : 'public',
    });
  }
  return [...real, ...synthetic].slice(0, count);
}
