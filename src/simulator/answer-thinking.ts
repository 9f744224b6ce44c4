import { sizedText, tokenize, truncateTokens } from './answer-text.js';
import { createRandom, hashString, stableId } from './hash.js';

/** A visible thinking block (Anthropic `thinking`, Gemini `thought: true` part) of one choice. */
export interface ThinkingAnswer {
  text: string;
  /** The text in stream order, one piece per token. */
  pieces: readonly string[];
  tokens: number;
  /** Opaque and deterministic; clients must echo it back unchanged, so it looks like the real base64 blobs. */
  signature: string;
}

const THINKING_START = 'Let me think about what is being asked here.';

/**
 * The thinking that precedes a choice: about `targetTokens` tokens seeded like the answer, cut
 * to `budget` (thinking counts against the output limit, as it does upstream). Undefined when
 * nothing is left to think.
 */
export function buildThinking(
  seedText: string,
  targetTokens: number,
  budget: number,
): ThinkingAnswer | undefined {
  const random = createRandom(hashString(`${seedText}\u0000thinking`));
  let tokenized = tokenize(sizedText(THINKING_START, random, targetTokens));
  if (tokenized.total > budget) tokenized = truncateTokens(tokenized, Math.max(0, budget));
  if (tokenized.total === 0) return undefined;
  return {
    text: tokenized.pieces.join(''),
    pieces: tokenized.pieces,
    tokens: tokenized.total,
    signature: Buffer.from(`simulated-signature:${stableId(`${seedText}\u0000signature`, 48)}`).toString(
      'base64',
    ),
  };
}
