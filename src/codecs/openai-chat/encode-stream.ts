import type { CanonEvent, CanonRequest, CanonUsage, GatewaySummary } from '../../canon/index.js';
import type { SseFrame } from '../../http/sse-types.js';
import type { StreamEncoder } from '../codec.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import { encodeOpenAiError } from './map-error.js';
import { encodeOpenAiFinishReason } from './map-finish-reason.js';
import { encodeOpenAiUsage } from './map-usage.js';

type WireObject = Record<string, unknown>;

interface ChoiceState {
  roleSent: boolean;
  /** Canonical block → OpenAI tool_calls[].index (ordinal among this choice's tool calls). */
  toolIndexes: Map<number, number>;
}

/**
 * Canonical events → OpenAI chat SSE: role first, deltas, finish, the usage chunk (with the gateway
 * summary) and `[DONE]`. An error becomes a final `data: {"error":...}` frame and no `[DONE]`.
 */
export function createOpenAiChatStreamEncoder(request: CanonRequest): StreamEncoder {
  let head = {
    id: `chatcmpl-${Date.now().toString(36)}`,
    created: Math.floor(Date.now() / 1000),
    model: request.model,
  };
  let fingerprint: unknown;
  let usage: CanonUsage | undefined;
  let summary: GatewaySummary | undefined;
  let failed = false;
  const choices = new Map<number, ChoiceState>();

  const chunk = (choice: number, delta: WireObject, extra?: WireObject): SseFrame => {
    const body: WireObject = {
      id: head.id,
      object: 'chat.completion.chunk',
      created: head.created,
      model: head.model,
      ...(fingerprint === undefined ? {} : { system_fingerprint: fingerprint }),
      choices: [{ index: choice, delta, logprobs: null, finish_reason: null, ...extra }],
    };
    return { data: JSON.stringify(body) };
  };
  const stateOf = (choice: number, frames: SseFrame[], contentIsNull = false): ChoiceState => {
    let state = choices.get(choice);
    if (!state) {
      state = { roleSent: false, toolIndexes: new Map() };
      choices.set(choice, state);
    }
    if (!state.roleSent) {
      state.roleSent = true;
      frames.push(chunk(choice, { role: 'assistant', content: contentIsNull ? null : '' }));
    }
    return state;
  };

  return {
    push(event: CanonEvent): SseFrame[] {
      if (failed) return [];
      const frames: SseFrame[] = [];
      switch (event.type) {
        case 'response-start':
          head = { id: event.id || head.id, created: event.createdAt, model: event.model || head.model };
          fingerprint = event.vendor?.['openai-chat']?.system_fingerprint;
          break;
        case 'text-delta':
          stateOf(event.choice ?? 0, frames);
          frames.push(
            chunk(
              event.choice ?? 0,
              { content: event.text },
              event.logprobs ? { logprobs: event.logprobs } : undefined,
            ),
          );
          break;
        case 'refusal-delta':
          stateOf(event.choice ?? 0, frames);
          frames.push(chunk(event.choice ?? 0, { refusal: event.text }));
          break;
        case 'reasoning-delta':
          stateOf(event.choice ?? 0, frames);
          frames.push(chunk(event.choice ?? 0, { reasoning_content: event.text }));
          break;
        case 'tool-call-start': {
          const state = stateOf(event.choice ?? 0, frames, true);
          const index = state.toolIndexes.size;
          state.toolIndexes.set(event.block, index);
          const call = {
            index,
            id: event.callId,
            type: 'function',
            function: { name: event.toolName, arguments: '' },
          };
          frames.push(chunk(event.choice ?? 0, { tool_calls: [call] }));
          break;
        }
        case 'tool-call-delta': {
          const index = stateOf(event.choice ?? 0, frames).toolIndexes.get(event.block) ?? 0;
          frames.push(
            chunk(event.choice ?? 0, {
              tool_calls: [{ index, function: { arguments: event.argumentsDelta } }],
            }),
          );
          break;
        }
        case 'finish':
          stateOf(event.choice ?? 0, frames);
          frames.push(
            chunk(
              event.choice ?? 0,
              {},
              {
                finish_reason: encodeOpenAiFinishReason(event.finish),
                ...(event.logprobs ? { logprobs: event.logprobs } : {}),
              },
            ),
          );
          break;
        case 'usage':
          usage = event.usage;
          break;
        case 'gateway-summary':
          summary = event.summary;
          break;
        case 'error':
          failed = true;
          frames.push({ data: JSON.stringify(encodeOpenAiError(event.error).body) });
          break;
        default:
          break;
      }
      return frames;
    },
    end(): SseFrame[] {
      if (failed) return [];
      const frames: SseFrame[] = [];
      const wantsUsage = request.streamUsage && usage !== undefined;
      if (wantsUsage || summary) {
        const body: WireObject = {
          id: head.id,
          object: 'chat.completion.chunk',
          created: head.created,
          model: head.model,
          choices: [],
        };
        body.usage = wantsUsage && usage ? encodeOpenAiUsage(usage) : null;
        if (summary) body.switchyard = encodeSummaryObject(summary);
        frames.push({ data: JSON.stringify(body) });
      }
      frames.push({ data: '[DONE]' });
      return frames;
    },
  };
}
