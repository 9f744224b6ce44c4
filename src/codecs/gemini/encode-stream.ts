import type {
  CanonEvent,
  CanonRequest,
  CanonUsage,
  FinishReason,
  GatewaySummary,
} from '../../canon/index.js';
import type { SseFrame } from '../../http/sse-types.js';
import type { StreamEncoder } from '../codec.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { encodeFunctionCallPart } from './encode-assistant-parts.js';
import { encodeGeminiError } from './map-error.js';
import { encodeGeminiFinishReason } from './map-finish-reason.js';
import { encodeGeminiLogprobs } from './map-logprobs.js';
import { encodeGeminiUsage } from './map-usage.js';

interface ChoiceState {
  /** Tool calls being assembled, by block: Gemini sends each call whole. */
  tools: Map<number, { callId: string; toolName: string; argumentsJson: string }>;
  /** Reasoning blocks that carried text (a signature then travels on its own thought part). */
  reasoningWithText: Set<number>;
  /** A signature from an empty reasoning block, for the next part. */
  pendingSignature?: string;
  finish?: FinishReason;
  emittedContent: boolean;
}

/**
 * Canonical events → Gemini SSE (`alt=sse`): one `data:` line per event, each a complete
 * GenerateContentResponse; no `event:` lines and no `[DONE]` (the `@google/genai` parser drops events with
 * other fields and fails on a sentinel). Text and thoughts stream as delta parts; a function call is sent
 * whole at its `tool-call-end`. Finish reasons, cumulative `usageMetadata` and the gateway summary
 * (an extra top-level `switchyard` field) are held for one final event at `end()`, since usage and the
 * summary arrive after the finish.
 *
 * After the commit point Gemini has no error event. An `error` becomes a final
 * `data: {"error": {code, message, status}, "candidates": [{finishReason: "OTHER", finishMessage}]}`.
 * `@google/genai` does NOT throw on it: it only throws when a network read is an unframed JSON error
 * body, and its response converter keeps known fields only (checked in js-genai's `_api_client.ts` and
 * `_models_converters.ts`, Aug 2026). SDK users therefore see a last chunk whose candidate finished
 * with OTHER, the SDK's own word for an abnormal end; `error` and `finishMessage` reach raw SSE readers.
 * The `switchyard` summary is likewise invisible through the SDK (the `X-Switchyard-*` headers are not).
 */
export function createGeminiStreamEncoder(request: CanonRequest): StreamEncoder {
  const head: WireObject = { modelVersion: request.model };
  let promptFeedback: unknown;
  let usage: CanonUsage | undefined;
  let summary: GatewaySummary | undefined;
  let failed = false;
  const choices = new Map<number, ChoiceState>();

  const stateOf = (choice = 0): ChoiceState => {
    let state = choices.get(choice);
    if (!state) {
      state = { tools: new Map(), reasoningWithText: new Set(), emittedContent: false };
      choices.set(choice, state);
    }
    return state;
  };
  const frame = (choice: number, parts: WireObject[], extra: WireObject = {}): SseFrame => {
    const candidate: WireObject = { content: { role: 'model', parts }, index: choice, ...extra };
    return { data: JSON.stringify({ candidates: [candidate], ...head }) };
  };
  /** One part for the choice, with a pending signature attached. */
  const emitPart = (choice: number, part: WireObject, extra?: WireObject): SseFrame[] => {
    const state = stateOf(choice);
    if (state.pendingSignature !== undefined) {
      part.thoughtSignature = state.pendingSignature;
      state.pendingSignature = undefined;
    }
    state.emittedContent = true;
    return [frame(choice, [part], extra)];
  };
  const flushTools = (choice: number): SseFrame[] =>
    [...stateOf(choice).tools.keys()].flatMap((block) => emitTool(choice, block));
  const emitTool = (choice: number, block: number): SseFrame[] => {
    const state = stateOf(choice);
    const call = state.tools.get(block);
    if (!call) return [];
    state.tools.delete(block);
    return emitPart(choice, encodeFunctionCallPart({ type: 'tool-call', ...call }, true));
  };

  return {
    push(event: CanonEvent): SseFrame[] {
      if (failed) return [];
      const choice = 'choice' in event ? (event.choice ?? 0) : 0;
      switch (event.type) {
        case 'response-start':
          head.modelVersion = event.model || request.model;
          if (event.id !== '') head.responseId = event.id;
          promptFeedback = event.vendor?.gemini?.promptFeedback;
          return [];
        case 'text-delta':
        case 'refusal-delta': {
          if (event.text === '') return [];
          const logprobs = event.type === 'text-delta' ? encodeGeminiLogprobs(event.logprobs) : undefined;
          return emitPart(choice, { text: event.text }, logprobs ? { logprobsResult: logprobs } : undefined);
        }
        case 'reasoning-delta':
          if (event.text === '') return [];
          stateOf(choice).reasoningWithText.add(event.block);
          return emitPart(choice, { text: event.text, thought: true });
        case 'reasoning-end': {
          const state = stateOf(choice);
          if (event.signature === undefined) return [];
          if (state.reasoningWithText.has(event.block)) {
            return emitPart(choice, { text: '', thought: true, thoughtSignature: event.signature });
          }
          state.pendingSignature = event.signature;
          return [];
        }
        case 'tool-call-start':
          stateOf(choice).tools.set(event.block, {
            callId: event.callId,
            toolName: event.toolName,
            argumentsJson: '',
          });
          return [];
        case 'tool-call-delta': {
          const call = stateOf(choice).tools.get(event.block);
          if (call) call.argumentsJson += event.argumentsDelta;
          return [];
        }
        case 'tool-call-end':
          return emitTool(choice, event.block);
        case 'finish':
          stateOf(choice).finish = event.finish;
          return flushTools(choice);
        case 'usage':
          usage = event.usage;
          return [];
        case 'gateway-summary':
          summary = event.summary;
          return [];
        case 'error': {
          failed = true;
          const { body } = encodeGeminiError(event.error);
          const error = isWireObject(body) && isWireObject(body.error) ? body.error : {};
          const finishMessage = `switchyard: ${event.error.message}`;
          const candidates = [{ finishReason: 'OTHER', finishMessage, index: choice }];
          const { details: _details, ...rpc } = error;
          return [{ data: JSON.stringify({ error: rpc, candidates, ...head }) }];
        }
        default:
          return [];
      }
    },
    end(): SseFrame[] {
      if (failed) return [];
      const final: WireObject = {};
      const blocked = isWireObject(promptFeedback) && promptFeedback.blockReason !== undefined;
      const onlyFinish = [...choices.values()].every((state) => !state.emittedContent);
      if (blocked && onlyFinish) final.promptFeedback = promptFeedback;
      else if (choices.size > 0)
        final.candidates = [...choices.entries()].sort((a, b) => a[0] - b[0]).map(finalCandidate);
      if (usage) final.usageMetadata = encodeGeminiUsage(usage);
      if (summary) final.switchyard = encodeSummaryObject(summary);
      if (Object.keys(final).length === 0) return [];
      return [{ data: JSON.stringify({ ...final, ...head }) }];
    },
  };
}

/** The last event's candidate: leftover tool calls and signature, and the finish reason. */
function finalCandidate([choice, state]: [number, ChoiceState]): WireObject {
  const parts: WireObject[] = [...state.tools.values()].map((call) =>
    encodeFunctionCallPart({ type: 'tool-call', ...call }, true),
  );
  if (state.pendingSignature !== undefined) {
    if (parts[0]) parts[0].thoughtSignature = state.pendingSignature;
    else parts.push({ text: '', thought: true, thoughtSignature: state.pendingSignature });
  }
  const candidate: WireObject = {};
  if (parts.length > 0) candidate.content = { role: 'model', parts };
  if (state.finish) candidate.finishReason = encodeGeminiFinishReason(state.finish);
  candidate.index = choice;
  return candidate;
}
