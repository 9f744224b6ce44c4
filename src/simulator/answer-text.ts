import { decode, encode } from 'gpt-tokenizer';
import { LruCache } from './lru.js';
import { countTokens } from './usage.js';
import { pickWord } from './vocabulary.js';

/** A text split into stream pieces, with the number of o200k tokens in each piece. */
export interface TokenizedText {
  pieces: readonly string[];
  tokens: readonly number[];
  total: number;
}

const tokenizedTexts = new LruCache<string, TokenizedText>(1024);

/**
 * Splits a text into one piece per token, as OpenAI streams it. Tokens that hold only part of a
 * multi-byte character are merged with their neighbours so every piece is valid text.
 */
export function tokenize(text: string): TokenizedText {
  const cached = tokenizedTexts.get(text);
  if (cached !== undefined) return cached;
  const pieces: string[] = [];
  const tokens: number[] = [];
  let pending: number[] = [];
  const ids = encode(text);
  for (const id of ids) {
    pending.push(id);
    const piece = decode(pending);
    if (!piece.includes('\uFFFD')) {
      pieces.push(piece);
      tokens.push(pending.length);
      pending = [];
    }
  }
  if (pending.length > 0) {
    pieces.push(decode(pending));
    tokens.push(pending.length);
  }
  const tokenized =
    pieces.join('') === text
      ? { pieces, tokens, total: ids.length }
      : { pieces: [text], tokens: [ids.length], total: ids.length };
  tokenizedTexts.set(text, tokenized);
  return tokenized;
}

/** Keeps the longest prefix of whole pieces that fits in `maxTokens`. */
export function truncateTokens(tokenized: TokenizedText, maxTokens: number): TokenizedText {
  if (tokenized.total <= maxTokens) return tokenized;
  const pieces: string[] = [];
  const tokens: number[] = [];
  let total = 0;
  for (const [index, piece] of tokenized.pieces.entries()) {
    const count = tokenized.tokens[index] ?? 1;
    if (total + count > maxTokens) break;
    pieces.push(piece);
    tokens.push(count);
    total += count;
  }
  return { pieces, tokens, total };
}

/**
 * Extends `start` with filler words and a final period until it is `targetTokens` long, or cuts
 * it to that length. Fillers are single tokens, so the count is exact unless tokens merge.
 */
export function sizedText(start: string, random: () => number, targetTokens: number): string {
  let text = start;
  let count = countTokens(text);
  if (count > targetTokens) return truncateTokens(tokenize(text), targetTokens).pieces.join('');
  while (count < targetTokens - 1) {
    text += ` ${pickWord(random)}`;
    count++;
  }
  if (count < targetTokens) text += '.';
  return truncateTokens(tokenize(text), targetTokens).pieces.join('');
}

/**
 * The continuation of an assistant prefix: when the answer the model would have given starts with
 * the prefix, the rest of it (so a rescued stream joins into the uninterrupted answer); otherwise
 * fresh filler seeded by the prefix.
 */
export function continuePrefix(
  fullAnswer: string,
  prefix: string,
  random: () => number,
  targetTokens: number,
): string {
  if (fullAnswer.startsWith(prefix)) return fullAnswer.slice(prefix.length);
  return sizedText('', random, targetTokens);
}

/**
 * Cuts the text before the earliest stop sequence; `stopped` tells whether one occurred and
 * `sequence` which one (Anthropic reports it as `stop_sequence`).
 */
export function applyStop(
  text: string,
  stops: readonly string[],
): { text: string; stopped: boolean; sequence?: string } {
  let cut = -1;
  let sequence: string | undefined;
  for (const stop of stops) {
    const position = text.indexOf(stop);
    if (position !== -1 && (cut === -1 || position < cut)) {
      cut = position;
      sequence = stop;
    }
  }
  return cut === -1 ? { text, stopped: false } : { text: text.slice(0, cut), stopped: true, sequence };
}

/** A short, single-line quotation of a tool result. */
export function quote(text: string, maximumLength = 60): string {
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length > maximumLength ? `${collapsed.slice(0, maximumLength)}…` : collapsed;
}
