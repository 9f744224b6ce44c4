import { type CanonEvent, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import type { SseEvent } from '../../http/sse-types.js';
import type { StreamDecoder } from '../codec.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { decodeOpenAiErrorObject } from './map-error.js';
import { mapOpenAiFinishReason } from './map-finish-reason.js';
import { mapOpenAiUsage } from './map-usage.js';

interface ChoiceState {
  nextBlock: number;
  openText?: number;
  openReasoning?: number;
  openRefusal?: number;
  /** OpenAI tool-call `index` → canonical block. */
  toolBlocks: Map<number, number>;
  openTools: Set<number>;
  finished: boolean;
}

interface DecoderState {
  provider: ProviderIdentity;
  started: boolean;
  done: boolean;
  failed: boolean;
  choices: Map<number, ChoiceState>;
}

/** OpenAI-compatible chat SSE → canonical events. A stream that stops before finishing ends in an error. */
export function createOpenAiChatStreamDecoder(provider: ProviderIdentity): StreamDecoder {
  const state: DecoderState = { provider, started: false, done: false, failed: false, choices: new Map() };
  return {
    push(event: SseEvent): CanonEvent[] {
      if (state.failed || state.done) return [];
      if (event.data === '[DONE]') {
        state.done = true;
        return [];
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(event.data);
      } catch {
        return fail(state, `malformed stream chunk from upstream: ${event.data.slice(0, 80)}`);
      }
      if (!isWireObject(chunk)) return fail(state, 'stream chunk is not a JSON object');
      if (chunk.error !== undefined || event.event === 'error') {
        state.failed = true;
        return [{ type: 'error', error: decodeOpenAiErrorObject(chunk, 200, provider) }];
      }
      return onChunk(state, chunk);
    },
    end(): CanonEvent[] {
      if (state.failed) return [];
      const first = state.choices.get(0);
      if (!first?.finished) {
        return fail(state, 'upstream stream ended before the answer was finished');
      }
      if (!state.done) {
        return [
          {
            type: 'warning',
            warning: {
              code: 'upstream-missing-done',
              message: 'upstream stream ended without [DONE] after finishing',
            },
          },
        ];
      }
      return [];
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

function onChunk(state: DecoderState, chunk: WireObject): CanonEvent[] {
  const events: CanonEvent[] = [];
  if (!state.started) {
    state.started = true;
    const start: CanonEvent = {
      type: 'response-start',
      id: typeof chunk.id === 'string' ? chunk.id : '',
      model: typeof chunk.model === 'string' ? chunk.model : state.provider.model,
      createdAt: typeof chunk.created === 'number' ? chunk.created : Math.floor(Date.now() / 1000),
    };
    if (typeof chunk.system_fingerprint === 'string') {
      start.vendor = { 'openai-chat': { system_fingerprint: chunk.system_fingerprint } };
    }
    events.push(start);
  }
  if (Array.isArray(chunk.choices)) {
    for (const choice of chunk.choices) {
      if (isWireObject(choice)) onChoice(state, choice, events);
    }
  }
  const usage = mapOpenAiUsage(chunk.usage);
  if (usage) events.push({ type: 'usage', usage });
  return events;
}

function choiceState(state: DecoderState, index: number): ChoiceState {
  let choice = state.choices.get(index);
  if (!choice) {
    choice = { nextBlock: 0, toolBlocks: new Map(), openTools: new Set(), finished: false };
    state.choices.set(index, choice);
  }
  return choice;
}

function onChoice(state: DecoderState, wire: WireObject, events: CanonEvent[]): void {
  const index = typeof wire.index === 'number' ? wire.index : 0;
  const choice = choiceState(state, index);
  const tag = index === 0 ? {} : { choice: index };
  const delta = isWireObject(wire.delta) ? wire.delta : {};
  const reasoning = delta.reasoning_content ?? delta.reasoning;
  if (typeof reasoning === 'string' && reasoning.length > 0) {
    if (choice.openReasoning === undefined) {
      choice.openReasoning = choice.nextBlock++;
      events.push({ type: 'reasoning-start', block: choice.openReasoning, ...tag });
    }
    events.push({ type: 'reasoning-delta', block: choice.openReasoning, text: reasoning, ...tag });
  }
  if (typeof delta.content === 'string' && delta.content.length > 0) {
    closeReasoning(choice, events, tag);
    if (choice.openText === undefined) {
      choice.openText = choice.nextBlock++;
      events.push({ type: 'text-start', block: choice.openText, ...tag });
    }
    const textDelta: CanonEvent = { type: 'text-delta', block: choice.openText, text: delta.content, ...tag };
    if (isWireObject(wire.logprobs)) textDelta.logprobs = wire.logprobs;
    events.push(textDelta);
  }
  if (typeof delta.refusal === 'string' && delta.refusal.length > 0) {
    choice.openRefusal ??= choice.nextBlock++;
    events.push({ type: 'refusal-delta', block: choice.openRefusal, text: delta.refusal, ...tag });
  }
  if (Array.isArray(delta.tool_calls)) {
    for (const call of delta.tool_calls) if (isWireObject(call)) onToolCallDelta(choice, call, events, tag);
  }
  if (typeof wire.finish_reason === 'string') {
    closeAll(choice, events, tag);
    choice.finished = true;
    events.push({ type: 'finish', finish: mapOpenAiFinishReason(wire.finish_reason), ...tag });
  }
}

function onToolCallDelta(
  choice: ChoiceState,
  call: WireObject,
  events: CanonEvent[],
  tag: { choice?: number },
): void {
  const position = typeof call.index === 'number' ? call.index : choice.toolBlocks.size;
  const fn = isWireObject(call.function) ? call.function : {};
  let block = choice.toolBlocks.get(position);
  if (block === undefined) {
    closeReasoning(choice, events, tag);
    closeText(choice, events, tag);
    block = choice.nextBlock++;
    choice.toolBlocks.set(position, block);
    choice.openTools.add(block);
    events.push({
      type: 'tool-call-start',
      block,
      callId: typeof call.id === 'string' && call.id.length > 0 ? call.id : `call_${block}`,
      toolName: typeof fn.name === 'string' ? fn.name : '',
      ...tag,
    });
  }
  // Some servers (Ollama) send whole arguments as an object rather than a string fragment.
  const args =
    typeof fn.arguments === 'string'
      ? fn.arguments
      : isWireObject(fn.arguments)
        ? JSON.stringify(fn.arguments)
        : '';
  if (args.length > 0) events.push({ type: 'tool-call-delta', block, argumentsDelta: args, ...tag });
}

function closeReasoning(choice: ChoiceState, events: CanonEvent[], tag: { choice?: number }): void {
  if (choice.openReasoning === undefined) return;
  events.push({ type: 'reasoning-end', block: choice.openReasoning, ...tag });
  choice.openReasoning = undefined;
}

function closeText(choice: ChoiceState, events: CanonEvent[], tag: { choice?: number }): void {
  if (choice.openText === undefined) return;
  events.push({ type: 'text-end', block: choice.openText, ...tag });
  choice.openText = undefined;
}

function closeAll(choice: ChoiceState, events: CanonEvent[], tag: { choice?: number }): void {
  closeReasoning(choice, events, tag);
  closeText(choice, events, tag);
  for (const block of choice.openTools) events.push({ type: 'tool-call-end', block, ...tag });
  choice.openTools.clear();
}
