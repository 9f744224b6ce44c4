import { type CanonEvent, type CanonUsage, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import type { SseEvent } from '../../http/sse-types.js';
import type { StreamDecoder } from '../codec.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { createResponseCallIds } from './call-ids.js';
import { hasUncarriedData, uncarriedPartWarning } from './decode-response.js';
import {
  type CandidateState,
  closeReasoning,
  closeText,
  onFunctionCallPart,
  onSignaturePart,
  onTextPart,
  onThoughtPart,
} from './decode-stream-parts.js';
import { decodeGeminiErrorObject } from './map-error.js';
import { mapGeminiBlockReason, mapGeminiFinishReason } from './map-finish-reason.js';
import { decodeGeminiLogprobs } from './map-logprobs.js';
import { mapGeminiUsage } from './map-usage.js';

interface DecoderState {
  provider: ProviderIdentity;
  started: boolean;
  failed: boolean;
  blocked: boolean;
  nextCallId: (name: string) => string;
  candidates: Map<number, CandidateState>;
  /** Latest cumulative usage, and the last one emitted. */
  usage?: CanonUsage;
  usageSent?: CanonUsage;
  warnedKinds: Set<string>;
}

/**
 * Gemini `streamGenerateContent?alt=sse` → canonical events. Each SSE event is a whole
 * GenerateContentResponse: text parts are deltas, function calls arrive whole, `usageMetadata` is
 * cumulative (the last one counts, and a chunk without it keeps the known value), and the chunk with
 * `finishReason` ends a candidate. A stream that stops before every candidate finished ends in an
 * `upstream_protocol` error; an `{"error": …}` chunk becomes a terminal error event.
 */
export function createGeminiStreamDecoder(provider: ProviderIdentity): StreamDecoder {
  const state: DecoderState = {
    provider,
    started: false,
    failed: false,
    blocked: false,
    nextCallId: createResponseCallIds(undefined),
    candidates: new Map(),
    warnedKinds: new Set(),
  };
  return {
    push(event: SseEvent): CanonEvent[] {
      if (state.failed) return [];
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return fail(state, `malformed stream chunk from upstream: ${event.data.slice(0, 80)}`);
      }
      // Without alt=sse Gemini streams a JSON array; accept its elements as chunks all the same.
      const chunks = Array.isArray(parsed) ? parsed : [parsed];
      const events: CanonEvent[] = [];
      for (const chunk of chunks) {
        if (!isWireObject(chunk)) return [...events, ...fail(state, 'stream chunk is not a JSON object')];
        if (chunk.error !== undefined) {
          state.failed = true;
          return [...events, { type: 'error', error: decodeGeminiErrorObject(chunk, provider) }];
        }
        onChunk(state, chunk, events);
      }
      return events;
    },
    end(): CanonEvent[] {
      if (state.failed) return [];
      if (!isFinished(state)) return fail(state, 'upstream stream ended before the answer was finished');
      return flushUsage(state, true);
    },
  };
}

function fail(state: DecoderState, message: string): CanonEvent[] {
  state.failed = true;
  const error = new GatewayError('upstream_protocol', `${state.provider.id}: ${message}`, {
    provider: state.provider.id,
    upstreamModel: state.provider.model,
  });
  return [{ type: 'error', error }];
}

function isFinished(state: DecoderState): boolean {
  if (state.blocked) return true;
  if (state.candidates.size === 0) return false;
  for (const candidate of state.candidates.values()) if (!candidate.finished) return false;
  return true;
}

function onChunk(state: DecoderState, chunk: WireObject, events: CanonEvent[]): void {
  if (!state.started) onFirstChunk(state, chunk, events);
  const candidates = Array.isArray(chunk.candidates) ? chunk.candidates.filter(isWireObject) : [];
  candidates.forEach((candidate, position) => {
    onCandidate(state, candidate, position, events);
  });
  const blockReason = isWireObject(chunk.promptFeedback) ? chunk.promptFeedback.blockReason : undefined;
  if (candidates.length === 0 && typeof blockReason === 'string' && !state.blocked) {
    state.blocked = true;
    events.push({ type: 'finish', finish: mapGeminiBlockReason(blockReason) });
  }
  const usage = mapGeminiUsage(chunk.usageMetadata);
  if (usage) state.usage = usage;
  if (isFinished(state)) events.push(...flushUsage(state, false));
}

function onFirstChunk(state: DecoderState, chunk: WireObject, events: CanonEvent[]): void {
  state.started = true;
  const responseId = typeof chunk.responseId === 'string' ? chunk.responseId : undefined;
  if (responseId !== undefined) state.nextCallId = createResponseCallIds(responseId);
  const start: CanonEvent = {
    type: 'response-start',
    id: responseId ?? '',
    model: typeof chunk.modelVersion === 'string' ? chunk.modelVersion : state.provider.model,
    createdAt: Math.floor(Date.now() / 1000),
  };
  // A blocked prompt is the whole stream: its feedback goes where a Gemini caller's encoder finds it.
  if (chunk.promptFeedback !== undefined) start.vendor = { gemini: { promptFeedback: chunk.promptFeedback } };
  events.push(start);
}

function candidateState(state: DecoderState, index: number): CandidateState {
  let candidate = state.candidates.get(index);
  if (!candidate) {
    candidate = {
      tag: index === 0 ? {} : { choice: index },
      nextBlock: 0,
      calledTools: false,
      finished: false,
    };
    state.candidates.set(index, candidate);
  }
  return candidate;
}

function onCandidate(state: DecoderState, wire: WireObject, position: number, events: CanonEvent[]): void {
  const candidate = candidateState(state, typeof wire.index === 'number' ? wire.index : position);
  if (candidate.finished) return;
  const parts = isWireObject(wire.content) && Array.isArray(wire.content.parts) ? wire.content.parts : [];
  const firstNew = events.length;
  for (const part of parts) if (isWireObject(part)) onPart(state, candidate, part, events);
  const logprobs = decodeGeminiLogprobs(wire.logprobsResult);
  const lastText = events.findLast((event, index) => index >= firstNew && event.type === 'text-delta');
  if (logprobs && lastText?.type === 'text-delta') lastText.logprobs = logprobs;
  if (typeof wire.finishReason === 'string') {
    closeReasoning(candidate, events);
    closeText(candidate, events);
    candidate.finished = true;
    const finish: CanonEvent = {
      type: 'finish',
      finish: mapGeminiFinishReason(wire.finishReason, candidate.calledTools),
      ...candidate.tag,
    };
    if (logprobs && !lastText) finish.logprobs = logprobs;
    events.push(finish);
  }
}

function onPart(
  state: DecoderState,
  candidate: CandidateState,
  part: WireObject,
  events: CanonEvent[],
): void {
  const signature = typeof part.thoughtSignature === 'string' ? part.thoughtSignature : undefined;
  const text = typeof part.text === 'string' ? part.text : undefined;
  if (part.thought === true) {
    onThoughtPart(candidate, text ?? '', signature, events);
    return;
  }
  if (signature !== undefined) onSignaturePart(candidate, signature, events);
  if (text !== undefined) onTextPart(candidate, text, events);
  else if (isWireObject(part.functionCall) && typeof part.functionCall.name === 'string') {
    onFunctionCallPart(candidate, part.functionCall, state.nextCallId, events);
  } else if (hasUncarriedData(part)) {
    const warning = uncarriedPartWarning(part);
    if (!state.warnedKinds.has(warning.field ?? '')) {
      state.warnedKinds.add(warning.field ?? '');
      events.push({ type: 'warning', warning });
    }
  }
}

function flushUsage(state: DecoderState, atEnd: boolean): CanonEvent[] {
  if (!state.usage || state.usage === state.usageSent) return [];
  if (!atEnd && !isFinished(state)) return [];
  state.usageSent = state.usage;
  return [{ type: 'usage', usage: state.usage }];
}
