/**
 * Typo tolerance for whole words: the vocabulary's words by their one-character deletions, so a
 * word typed with one character wrong, missing, extra or swapped (かんでんい, かんでち) finds the
 * words of the index it could have meant without comparing it to every word.
 */
export class NearTerms {
  readonly #byDeletion = new Map<string, string[]>();
  readonly #known = new Set<string>();

  /** Words shorter than this have too many neighbours to guess from. */
  static readonly MIN_LENGTH = 3;

  add(term: string): void {
    if (this.#known.has(term)) return;
    this.#known.add(term);
    const chars = Array.from(term);
    if (chars.length < NearTerms.MIN_LENGTH) return;
    for (const variant of deletions(chars)) {
      const terms = this.#byDeletion.get(variant);
      if (terms) terms.push(term);
      else this.#byDeletion.set(variant, [term]);
    }
  }

  has(term: string): boolean {
    return this.#known.has(term);
  }

  /** Known words one edit from `term` (none for a known word: it was typed as meant). */
  near(term: string): string[] {
    const chars = Array.from(term);
    if (chars.length < NearTerms.MIN_LENGTH || this.#known.has(term)) return [];
    const found = new Set<string>(this.#byDeletion.get(term) ?? []);
    for (const variant of deletions(chars)) {
      if (this.#known.has(variant) && Array.from(variant).length >= NearTerms.MIN_LENGTH) found.add(variant);
      for (const near of this.#byDeletion.get(variant) ?? []) found.add(near);
    }
    return [...found];
  }
}

function deletions(chars: string[]): Set<string> {
  const out = new Set<string>();
  for (let index = 0; index < chars.length; index++)
    out.add(chars.slice(0, index).join('') + chars.slice(index + 1).join(''));
  return out;
}
