/**
 * Token counts of recently seen texts. A chat client re-sends the whole conversation on every turn,
 * so without this the system prompt and the history are tokenised again on each request although
 * only the newest message changed. Bounded by entries and by characters held, least recently used
 * out first, so a stream of unique long prompts cannot grow memory.
 */
export class TokenCountMemo {
  private readonly counts = new Map<string, number>();
  private heldChars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars: number,
    /** Shorter texts are counted directly: cheaper than remembering them. */
    private readonly minChars: number,
  ) {}

  count(text: string, countTokens: (text: string) => number): number {
    if (text.length < this.minChars || text.length > this.maxChars) return countTokens(text);
    const known = this.counts.get(text);
    if (known !== undefined) {
      // Re-inserting moves the text to the young end of the Map's insertion order.
      this.counts.delete(text);
      this.counts.set(text, known);
      return known;
    }
    const counted = countTokens(text);
    this.counts.set(text, counted);
    this.heldChars += text.length;
    while (this.counts.size > this.maxEntries || this.heldChars > this.maxChars) {
      const oldest = this.counts.keys().next().value as string;
      this.counts.delete(oldest);
      this.heldChars -= oldest.length;
    }
    return counted;
  }

  get size(): number {
    return this.counts.size;
  }
}
