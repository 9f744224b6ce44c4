import { pickWord } from './vocabulary.js';

/** One alternative token with its log probability. */
export interface TopLogprob {
  token: string;
  logprob: number;
  bytes: number[];
}

/** One entry of `choices[].logprobs.content`, in OpenAI's shape. */
export interface TokenLogprob extends TopLogprob {
  top_logprobs: TopLogprob[];
}

const encoder = new TextEncoder();

function entry(token: string, logprob: number): TopLogprob {
  return { token, logprob, bytes: Array.from(encoder.encode(token)) };
}

/**
 * Plausible log probabilities: the chosen token is the most likely (close to 0), the
 * `topCount` alternatives start with the chosen token and then get steadily less likely.
 */
export function buildLogprobs(
  pieces: readonly string[],
  topCount: number,
  random: () => number,
): TokenLogprob[] {
  return pieces.map((piece) => {
    const logprob = -Math.round(random() * 400) / 1000;
    const top: TopLogprob[] = [];
    for (let rank = 0; rank < topCount; rank++) {
      if (rank === 0) top.push(entry(piece, logprob));
      else
        top.push(entry(` ${pickWord(random)}`, Math.round((logprob - rank * 1.5 - random()) * 1000) / 1000));
    }
    return { ...entry(piece, logprob), top_logprobs: top };
  });
}
