/**
 * The best `k` of a stream of scored documents, kept in a bounded heap instead of sorting every
 * match: a query over a large index touches tens of thousands of documents and shows ten.
 * Ties keep arrival order (the earlier arrival ranks first), as a stable sort of all of them would.
 */
export class TopK {
  readonly #k: number;
  readonly #numbers: Int32Array;
  readonly #scores: Float64Array;
  readonly #arrivals: Int32Array;
  #size = 0;

  constructor(k: number) {
    this.#k = Math.max(0, Math.floor(k));
    this.#numbers = new Int32Array(this.#k);
    this.#scores = new Float64Array(this.#k);
    this.#arrivals = new Int32Array(this.#k);
  }

  /** Whether a document with this score, arriving after all offered so far, would be kept. */
  admits(score: number): boolean {
    return this.#size < this.#k || score > (this.#scores[0] as number);
  }

  /** Offers a document; `arrival` must grow with each call. */
  offer(number: number, score: number, arrival: number): void {
    if (!this.admits(score)) return;
    if (this.#size < this.#k) {
      this.#siftUp(this.#size++, number, score, arrival);
      return;
    }
    this.#siftDown(0, number, score, arrival);
  }

  /** The kept documents, best first. */
  drain(): Array<{ number: number; score: number }> {
    const order = Array.from({ length: this.#size }, (_, slot) => slot).sort((left, right) =>
      this.#compare(right, left),
    );
    return order.map((slot) => ({ number: this.#numbers[slot] as number, score: this.#scores[slot] as number }));
  }

  /** Positive when slot `left` ranks above slot `right`. */
  #compare(left: number, right: number): number {
    const difference = (this.#scores[left] as number) - (this.#scores[right] as number);
    return difference !== 0 ? difference : (this.#arrivals[right] as number) - (this.#arrivals[left] as number);
  }

  /** Whether a document of `score` that arrived at `arrival` ranks below the one in `slot`. */
  #worse(score: number, arrival: number, slot: number): boolean {
    return ranksBelow(score, arrival, this.#scores[slot] as number, this.#arrivals[slot] as number);
  }

  #place(slot: number, number: number, score: number, arrival: number): void {
    this.#numbers[slot] = number;
    this.#scores[slot] = score;
    this.#arrivals[slot] = arrival;
  }

  #move(from: number, to: number): void {
    this.#place(to, this.#numbers[from] as number, this.#scores[from] as number, this.#arrivals[from] as number);
  }

  /** The heap keeps the worst kept document at the root, the one a better arrival replaces. */
  #siftUp(slot: number, number: number, score: number, arrival: number): void {
    let at = slot;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.#worse(score, arrival, parent)) break;
      this.#move(parent, at);
      at = parent;
    }
    this.#place(at, number, score, arrival);
  }

  #siftDown(slot: number, number: number, score: number, arrival: number): void {
    let at = slot;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= this.#size) break;
      const right = child + 1;
      if (right < this.#size && this.#worse(this.#scores[right] as number, this.#arrivals[right] as number, child))
        child = right;
      if (!ranksBelow(this.#scores[child] as number, this.#arrivals[child] as number, score, arrival)) break;
      this.#move(child, at);
      at = child;
    }
    this.#place(at, number, score, arrival);
  }
}

function ranksBelow(score: number, arrival: number, otherScore: number, otherArrival: number): boolean {
  return score < otherScore || (score === otherScore && arrival > otherArrival);
}
