import { readFileSync } from 'node:fs';
import { parseFaqFile } from '../../plugins/knowledge/src/faq/faq-file.ts';

const corpusDir = new URL('../../plugins/knowledge/eval/corpus/', import.meta.url);

/** The real FAQ corpora the development query sets were written against. */
export function realFaq() {
  return ['kobe-mynumber-faq.jsonl', 'kobe-childcare-services.jsonl'].flatMap((file) =>
    parseFaqFile(readFileSync(new URL(file, corpusDir), 'utf8'), file),
  );
}

/**
 * `count` passages of municipal Japanese for the scale test: sentences of the real answers,
 * recombined in a fixed pseudo-random order, under a question of the corpus with a number
 * so that titles differ.
 */
export function syntheticPassages(count: number): Array<{ id: string; title: string; body: string }> {
  const faq = realFaq();
  const sentences = faq.flatMap((entry) =>
    entry.answer
      .split(/(?<=[。\n])/u)
      .map((text) => text.trim())
      .filter((text) => text.length > 8),
  );
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const passages: Array<{ id: string; title: string; body: string }> = [];
  for (let index = 0; index < count; index++) {
    const question = faq[next() % faq.length]?.question ?? '';
    const body = [0, 1, 2].map(() => sentences[next() % sentences.length]).join('');
    passages.push({ id: `p${index}`, title: `${question}（${index}）`, body });
  }
  return passages;
}
