import { readFileSync } from 'node:fs';
import type { RecordData } from '../../sdk/src/index.ts';

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
 * The 244 real FAQs, then synthetic ones up to `count`, as published `KnowledgeFaq` records: a
 * real question and three sentences drawn from all the real answers, a tenth of them
 * staff-only — a corpus with the vocabulary and lengths of the city's own text.
 */
export function faqRecords(count: number): RecordData[] {
  const rows = faqRows();
  const real: RecordData[] = rows.map((row) => ({
    externalId: row.id,
    question: row.question,
    answer: row.answer,
    url: row.url,
    classification: 'public',
    status: 'published',
  }));
  const sentences = rows.flatMap((row) => row.answer.match(/[^。\n]+。?/gu) ?? []);
  const next = random(42);
  const pick = <T>(items: T[]) => items[Math.floor(next() * items.length)] as T;
  const synthetic: RecordData[] = [];
  for (let i = real.length; i < count; i += 1) {
    synthetic.push({
      externalId: `synthetic-${i}`,
      question: pick(rows).question,
      answer: [pick(sentences), pick(sentences), pick(sentences)].join(''),
      classification: i % 10 === 0 ? 'staff' : 'public',
      status: 'published',
    });
  }
  return [...real, ...synthetic].slice(0, count);
}
