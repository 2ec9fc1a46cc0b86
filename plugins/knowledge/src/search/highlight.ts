import { foldKana, normalizeText } from './normalize.ts';

export interface HighlightSegment {
  text: string;
  match: boolean;
}

/**
 * The passage of `text` (a sentence or line, up to `width` characters) holding the most of
 * `terms`, cut into segments with the matched words marked. Segments, not HTML: the page
 * escapes them as it draws them.
 */
export function highlight(text: string, terms: string[], width = 160): HighlightSegment[] {
  const wanted = [
    ...new Set(
      terms
        .map((term) => foldKana(normalizeText(term)))
        .filter((term) => term.length >= 2 || /\p{Script=Han}/u.test(term)),
    ),
  ];
  const sentences = text.split(/(?<=[。\n！？])/u).filter((sentence) => sentence.trim());
  let best = sentences[0] ?? '';
  let bestCount = -1;
  for (const sentence of sentences) {
    const folded = foldKana(normalizeText(sentence));
    const count = wanted.filter((term) => folded.includes(term)).length;
    if (count > bestCount) {
      best = sentence;
      bestCount = count;
    }
  }
  const passage = best.trim().slice(0, width);
  const folded = Array.from(passage).map((char) => foldKana(normalizeText(char)));
  const marked = new Array<boolean>(folded.length).fill(false);
  for (const term of wanted) {
    const length = Array.from(term).length;
    for (let start = 0; start + length <= folded.length; start++) {
      if (folded.slice(start, start + length).join('') === term) marked.fill(true, start, start + length);
    }
  }
  const chars = Array.from(passage);
  const segments: HighlightSegment[] = [];
  chars.forEach((char, index) => {
    const match = marked[index] as boolean;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += char;
    else segments.push({ text: char, match });
  });
  return segments;
}
