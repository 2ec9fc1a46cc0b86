import { normalizeText } from './normalize.ts';

/**
 * The floor the Japanese search is measured against: character bigrams of the NFKC text,
 * TF-IDF weighted, ranked by cosine similarity. No readings, synonyms or field boosts.
 */
export class BigramTfidfBaseline {
  #documents: Array<{ id: string; vector: Map<string, number> }> = [];
  #documentFrequency = new Map<string, number>();
  #prepared: Array<{ id: string; vector: Map<string, number>; norm: number }> | undefined;

  add(id: string, text: string): void {
    const vector = counts(text);
    for (const gram of vector.keys()) this.#documentFrequency.set(gram, (this.#documentFrequency.get(gram) ?? 0) + 1);
    this.#documents.push({ id, vector });
    this.#prepared = undefined;
  }

  search(text: string, limit = 10): Array<{ id: string; score: number }> {
    const prepared = this.#prepare();
    const query = this.#weigh(counts(text));
    const queryNorm = Math.sqrt([...query.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
    const scored = prepared.map((document) => {
      let dot = 0;
      for (const [gram, weight] of query) dot += weight * (document.vector.get(gram) ?? 0);
      return { id: document.id, score: dot / (queryNorm * document.norm) };
    });
    return scored
      .filter((hit) => hit.score > 0)
      .sort((left, right) => right.score - left.score)
      .slice(0, limit);
  }

  #prepare() {
    this.#prepared ??= this.#documents.map((document) => {
      const vector = this.#weigh(document.vector);
      const norm = Math.sqrt([...vector.values()].reduce((sum, value) => sum + value * value, 0)) || 1;
      return { id: document.id, vector, norm };
    });
    return this.#prepared;
  }

  #weigh(frequencies: Map<string, number>): Map<string, number> {
    const total = this.#documents.length;
    const out = new Map<string, number>();
    for (const [gram, frequency] of frequencies) {
      const idf = Math.log((total + 1) / ((this.#documentFrequency.get(gram) ?? 0) + 1)) + 1;
      out.set(gram, (1 + Math.log(frequency)) * idf);
    }
    return out;
  }
}

function counts(text: string): Map<string, number> {
  const chars = Array.from(normalizeText(text).replace(/[\s\p{P}\p{S}]+/gu, ' '));
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    if (chars[i] === ' ' || chars[i + 1] === ' ') continue;
    const gram = `${chars[i]}${chars[i + 1]}`;
    out.set(gram, (out.get(gram) ?? 0) + 1);
  }
  return out;
}
