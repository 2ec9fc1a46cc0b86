import { documentTerms, queryTerms } from './terms.ts';

/**
 * How much of a question a passage covers, 0–1: the share of the question's terms (character
 * bigrams of its content words, see `terms.ts`) found in the passage's title and text. The
 * knowledge search ranks; this decides whether the best it found answers the question at all,
 * on a scale that does not move with the size of the corpus as a ranking score does.
 */
export function coverage(question: string, passage: { title: string; text: string }): number {
  const wanted = queryTerms(question);
  if (wanted.length === 0) return 0;
  const held = new Set(documentTerms(`${passage.title}\n${passage.text}`));
  const covered = wanted.filter((term) => held.has(term)).length;
  return Math.round((covered / wanted.length) * 1000) / 1000;
}
