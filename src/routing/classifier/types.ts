/** The task classes the `auto` model routes between. */
export type TaskClass = 'code' | 'reasoning' | 'summary' | 'long_context' | 'chat';

/** Every task class, in a stable order (for reports and exhaustive loops). */
export const TASK_CLASSES: readonly TaskClass[] = ['code', 'reasoning', 'summary', 'long_context', 'chat'];

/** What the prompt classifier concluded about a prompt, and why. */
export interface Classification {
  taskClass: TaskClass;
  /**
   * 0..1: how demanding the prompt looks (length, multi-step cues, constraints, code size, maths
   * depth); the router escalates to a premium tier above a configured threshold.
   */
  complexity: number;
  /** Cheap token estimate of the scanned text (characters / 4 style, no tokenizer). */
  estimatedTokens: number;
  /** Dominant script/language guess, e.g. 'en', 'zh', 'ja', 'ko', 'ru', 'ar', 'other' (cheap, by character ranges). */
  language: string;
  /** The scores/feature counts that drove the decision, for the request log's decision trace. Small flat record of numbers. */
  features: Record<string, number>;
  /** Human-readable, ASCII only, e.g. "detected code cues (fences, keywords) -> code" or "about 12000 tokens -> long context". */
  reason: string;
}
