import type { Passage } from '../retrieval/retrieval.ts';
import { normalizeText, queryTerms } from '../retrieval/terms.ts';

/** At most this many characters are quoted from one passage. */
const QUOTE_LIMIT = 240;
/** A second passage is quoted only when it covers the question nearly as well as the first. */
const SECOND_PASSAGE_RATIO = 0.85;

export const PART_SEPARATOR = '\n\n';

/** A passage an answer cites, with the number of its marker (`[1]`) in the answer's text. */
export interface CitedPassage extends Passage {
  marker: number;
}

export interface ComposedAnswer {
  text: string;
  cited: CitedPassage[];
}

/** The extractive answer, with the quote of each passage apart, so it can be streamed passage by passage. */
export interface ExtractiveAnswer extends ComposedAnswer {
  /** `text` is these joined by a blank line, in order. */
  parts: string[];
}

/**
 * The embedded answerer, which needs no model: it quotes the sentences of the best passages that
 * share the most terms with the question, in their order, each quote followed by its citation
 * marker. Every word of substance is the city's own; the frame around the quotes has no number.
 */
export function extractiveAnswer(question: string, passages: Passage[], language: 'ja' | 'en'): ExtractiveAnswer {
  const [best, second] = passages;
  if (!best) return { text: '', cited: [], parts: [] };
  const quoted = second && second.score >= best.score * SECOND_PASSAGE_RATIO ? [best, second] : [best];
  const cited = quoted.map((passage, index) => ({ ...passage, marker: index + 1 }));
  const terms = queryTerms(question);
  const parts = cited.map((passage) => {
    const quote = bestSentences(passage.text || passage.title, terms);
    return language === 'ja'
      ? `「${passage.title}」について、市の案内には次のとおりあります。\n「${quote}」[${passage.marker}]`
      : `The city's guidance on "${passage.title}" says:\n"${quote}" [${passage.marker}]`;
  });
  return { text: parts.join(PART_SEPARATOR), cited, parts };
}

function bestSentences(text: string, terms: string[]): string {
  const sentences = text
    .match(/[^。！？\n]+[。！？]?/gu)
    ?.map((sentence) => sentence.trim())
    .filter(Boolean) ?? [text];
  const scored = sentences.map((sentence, position) => ({
    sentence,
    position,
    hits: terms.filter((term) => normalizeText(sentence).includes(term)).length,
  }));
  const chosen: typeof scored = [];
  let length = 0;
  for (const candidate of [...scored].sort((a, b) => b.hits - a.hits || a.position - b.position)) {
    if (length > 0 && length + candidate.sentence.length > QUOTE_LIMIT) break;
    chosen.push(candidate);
    length += candidate.sentence.length;
    if (length >= QUOTE_LIMIT / 2) break;
  }
  const quote = chosen
    .sort((a, b) => a.position - b.position)
    .map(({ sentence }) => sentence)
    .join('');
  return quote.length > QUOTE_LIMIT ? `${cutOutsideNumber(quote, QUOTE_LIMIT)}…` : quote;
}

/** Never cuts a number in two: half of 1,500 would be a number no passage holds. */
function cutOutsideNumber(text: string, limit: number): string {
  let end = limit;
  while (end > 0 && /[\d,.０-９]/u.test(text[end] ?? '') && /[\d,.０-９]/u.test(text[end - 1] ?? '')) end -= 1;
  return text.slice(0, end);
}
