import { type CanonEvent, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import type { StreamDecoder } from '../../codecs/codec.js';
import { isWireObject, type WireObject } from '../../codecs/shared/read-fields.js';
import type { SseEvent } from '../../http/sse-types.js';
import { mapCohereFinishReason, mapCohereUsage } from './chat-decode.js';

interface State {
  provider: ProviderIdentity;
  nextBlock: number;
  /** Cohere content `index` → canonical block (text or reasoning). */
  contentBlocks: Map<number, { block: number; kind: 'text' | 'reasoning' }>;
  /** Cohere tool-call `index` → canonical block. */
  toolBlocks: Map<number, number>;
  planBlock?: number;
  finished: boolean;
  failed: boolean;
}

/**
 * Cohere v2 chat stream → canonical events. Every SSE event carries a JSON object whose `type` names it:
 * message-start, content-start/delta/end, tool-plan-delta, tool-call-start/delta/end, message-end
 * (finish reason and usage).
 */
export function createCohereChatStreamDecoder(provider: ProviderIdentity): StreamDecoder {
  const state: State = {
    provider,
    nextBlock: 0,
    contentBlocks: new Map(),
    toolBlocks: new Map(),
    finished: false,
    failed: false,
  };
  return {
    push(event: SseEvent): CanonEvent[] {
      if (state.failed || state.finished || event.data === '[DONE]') return [];
      let payload: unknown;
      try {
        payload = JSON.parse(event.data);
      } catch {
        return fail(state, `malformed stream event from Cohere: ${event.data.slice(0, 80)}`);
      }
      if (!isWireObject(payload)) return fail(state, 'stream event is not a JSON object');
      return onEvent(state, payload);
    },
    end(): CanonEvent[] {
      if (state.failed || state.finished) return [];
      return fail(state, 'Cohere stream ended before message-end');
    },
  };
}

function onEvent(state: State, payload: WireObject): CanonEvent[] {
  const index = typeof payload.index === 'number' ? payload.index : 0;
  const message = messageDelta(payload);
  switch (payload.type) {
    case 'message-start':
      return [
        {
          type: 'response-start',
          id: typeof payload.id === 'string' ? payload.id : '',
          model: state.provider.model,
          createdAt: Math.floor(Date.now() / 1000),
        },
      ];
    case 'content-start': {
      const content = isWireObject(message.content) ? message.content : {};
      const kind = content.type === 'thinking' ? 'reasoning' : 'text';
      const block = state.nextBlock++;
      state.contentBlocks.set(index, { block, kind });
      return [{ type: kind === 'text' ? 'text-start' : 'reasoning-start', block }];
    }
    case 'content-delta': {
      const content = isWireObject(message.content) ? message.content : {};
      const open = state.contentBlocks.get(index);
      if (!open) return fail(state, `content-delta for unopened content ${index}`);
      const text = open.kind === 'text' ? content.text : content.thinking;
      if (typeof text !== 'string' || text === '') return [];
      return [{ type: open.kind === 'text' ? 'text-delta' : 'reasoning-delta', block: open.block, text }];
    }
    case 'content-end': {
      const open = state.contentBlocks.get(index);
      if (!open) return [];
      state.contentBlocks.delete(index);
      return [{ type: open.kind === 'text' ? 'text-end' : 'reasoning-end', block: open.block }];
    }
    case 'tool-plan-delta': {
      const text = message.tool_plan;
      if (typeof text !== 'string' || text === '') return [];
      const events: CanonEvent[] = [];
      if (state.planBlock === undefined) {
        state.planBlock = state.nextBlock++;
        events.push({ type: 'text-start', block: state.planBlock });
      }
      events.push({ type: 'text-delta', block: state.planBlock, text });
      return events;
    }
    case 'tool-call-start': {
      const call = isWireObject(message.tool_calls) ? message.tool_calls : {};
      const fn = isWireObject(call.function) ? call.function : {};
      const events = closePlan(state);
      const block = state.nextBlock++;
      state.toolBlocks.set(index, block);
      events.push({
        type: 'tool-call-start',
        block,
        callId: typeof call.id === 'string' ? call.id : `call_${index}`,
        toolName: typeof fn.name === 'string' ? fn.name : '',
      });
      if (typeof fn.arguments === 'string' && fn.arguments !== '')
        events.push({ type: 'tool-call-delta', block, argumentsDelta: fn.arguments });
      return events;
    }
    case 'tool-call-delta': {
      const call = isWireObject(message.tool_calls) ? message.tool_calls : {};
      const fn = isWireObject(call.function) ? call.function : {};
      const block = state.toolBlocks.get(index);
      if (block === undefined) return fail(state, `tool-call-delta for unopened tool call ${index}`);
      if (typeof fn.arguments !== 'string' || fn.arguments === '') return [];
      return [{ type: 'tool-call-delta', block, argumentsDelta: fn.arguments }];
    }
    case 'tool-call-end': {
      const block = state.toolBlocks.get(index);
      if (block === undefined) return [];
      state.toolBlocks.delete(index);
      return [{ type: 'tool-call-end', block }];
    }
    case 'message-end':
      return finish(state, isWireObject(payload.delta) ? payload.delta : {});
    default:
      // citation-start/end and future event types carry nothing the hub models.
      return [];
  }
}

function finish(state: State, delta: WireObject): CanonEvent[] {
  state.finished = true;
  const events = closePlan(state);
  for (const { block, kind } of state.contentBlocks.values())
    events.push({ type: kind === 'text' ? 'text-end' : 'reasoning-end', block });
  for (const block of state.toolBlocks.values()) events.push({ type: 'tool-call-end', block });
  const usage = mapCohereUsage(delta.usage);
  if (usage) events.push({ type: 'usage', usage });
  if (delta.finish_reason === 'ERROR' && typeof delta.error === 'string') {
    events.push({ type: 'error', error: streamError(state, `Cohere stream failed: ${delta.error}`) });
    return events;
  }
  events.push({ type: 'finish', finish: mapCohereFinishReason(delta.finish_reason) });
  return events;
}

function closePlan(state: State): CanonEvent[] {
  if (state.planBlock === undefined) return [];
  const block = state.planBlock;
  state.planBlock = undefined;
  return [{ type: 'text-end', block }];
}

function messageDelta(payload: WireObject): WireObject {
  const delta = isWireObject(payload.delta) ? payload.delta : {};
  return isWireObject(delta.message) ? delta.message : {};
}

function streamError(state: State, message: string): GatewayError {
  return new GatewayError('upstream_protocol', `${state.provider.id}: ${message}`, {
    provider: state.provider.id,
    upstreamModel: state.provider.model,
  });
}

function fail(state: State, message: string): CanonEvent[] {
  state.failed = true;
  return [{ type: 'error', error: streamError(state, message) }];
}
