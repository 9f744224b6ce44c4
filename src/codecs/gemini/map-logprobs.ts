import { isWireObject, type WireObject } from '../shared/read-fields.js';

/**
 * The hub carries token log probabilities in OpenAI's shape (`{content: [{token, logprob, bytes,
 * top_logprobs}]}`). Gemini's `logprobsResult` has `chosenCandidates[i]` (the sampled token) and
 * `topCandidates[i].candidates` (the alternatives) per position.
 */

interface OpenAiTokenLogprob {
  token: string;
  logprob: number;
  bytes: null;
  top_logprobs: Array<{ token: string; logprob: number; bytes: null }>;
}

function readCandidate(value: unknown): { token: string; logprob: number } | undefined {
  if (!isWireObject(value)) return undefined;
  const token = typeof value.token === 'string' ? value.token : '';
  const logprob = typeof value.logProbability === 'number' ? value.logProbability : undefined;
  return logprob === undefined ? undefined : { token, logprob };
}

/** Gemini `logprobsResult` → OpenAI-shaped logprobs; undefined when there is nothing usable. */
export function decodeGeminiLogprobs(value: unknown): WireObject | undefined {
  if (!isWireObject(value) || !Array.isArray(value.chosenCandidates)) return undefined;
  const top = Array.isArray(value.topCandidates) ? value.topCandidates : [];
  const content: OpenAiTokenLogprob[] = [];
  value.chosenCandidates.forEach((chosen, index) => {
    const sampled = readCandidate(chosen);
    if (!sampled) return;
    const alternatives = top[index];
    const list =
      isWireObject(alternatives) && Array.isArray(alternatives.candidates) ? alternatives.candidates : [];
    content.push({
      ...sampled,
      bytes: null,
      top_logprobs: list.flatMap((item) => {
        const candidate = readCandidate(item);
        return candidate ? [{ ...candidate, bytes: null }] : [];
      }),
    });
  });
  return content.length > 0 ? { content, refusal: null } : undefined;
}

/** OpenAI-shaped logprobs → Gemini `logprobsResult`; undefined when the value has no token list. */
export function encodeGeminiLogprobs(value: unknown): WireObject | undefined {
  if (!isWireObject(value) || !Array.isArray(value.content)) return undefined;
  const chosenCandidates: WireObject[] = [];
  const topCandidates: WireObject[] = [];
  for (const item of value.content) {
    if (!isWireObject(item) || typeof item.logprob !== 'number') continue;
    chosenCandidates.push({ token: String(item.token ?? ''), logProbability: item.logprob });
    const alternatives = Array.isArray(item.top_logprobs) ? item.top_logprobs : [];
    topCandidates.push({
      candidates: alternatives.flatMap((alternative) =>
        isWireObject(alternative) && typeof alternative.logprob === 'number'
          ? [{ token: String(alternative.token ?? ''), logProbability: alternative.logprob }]
          : [],
      ),
    });
  }
  return chosenCandidates.length > 0 ? { topCandidates, chosenCandidates } : undefined;
}
