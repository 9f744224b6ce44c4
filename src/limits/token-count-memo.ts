/**
 * Token counts of recently seen texts. A chat client re-sends the whole conversation on every turn,
 * so without this the system prompt and the history are tokenised again on each request although
 * only the newest message changed.
 *
 * Two generations instead of a strict LRU: texts go into the young map; when it is full it becomes
 * the old map and the previous old map is dropped whole; a text found in the old map moves back into
 * the young one. No per-hit delete and re-insert, which made a Map-based LRU cost microseconds a call
 * under churn. At most `maxEntries` texts and about `maxChars` characters are held, so a stream of
 * unique long prompts cannot grow memory.
 */
export class TokenCountMemo {
  private young = new Map<string, number>();
  private old = new Map<string, number>();
  private youngChars = 0;
  private readonly entriesPerGeneration: number;
  private readonly charsPerGeneration: number;

  constructor(
    maxEntries: number,
    maxChars: number,
    /** Shorter texts are counted directly: cheaper than remembering them. */
    private readonly minChars: number,
  ) {
    this.entriesPerGeneration = Math.max(1, Math.floor(maxEntries / 2));
    this.charsPerGeneration = Math.max(1, Math.floor(maxChars / 2));
  }

  count(text: string, countTokens: (text: string) => number): number {
    if (text.length < this.minChars || text.length > this.charsPerGeneration) return countTokens(text);
    const known = this.young.get(text);
    if (known !== undefined) return known;
    const counted = this.old.get(text) ?? countTokens(text);
    this.young.set(text, counted);
    this.youngChars += text.length;
    if (this.young.size >= this.entriesPerGeneration || this.youngChars >= this.charsPerGeneration) {
      this.old = this.young;
      this.young = new Map();
      this.youngChars = 0;
    }
    return counted;
  }

  /** Texts held (one moved back from the old generation may be counted twice until it ages out). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
