import type { CanonEvent } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { unsupportedBlock } from './decode-response.js';
import { type BlockKind, type BlockState, type DecoderState, fail } from './decode-stream-state.js';

function blockIndex(state: DecoderState, chunk: WireObject): number | undefined {
  const index = chunk.index;
  return typeof index === 'number' && Number.isInteger(index) && index >= 0 && state.started
    ? index
    : undefined;
}

/** `content_block_start`: the wire index is the canonical block. */
export function onBlockStart(state: DecoderState, chunk: WireObject): CanonEvent[] {
  const block = blockIndex(state, chunk);
  const wire = chunk.content_block;
  if (block === undefined || !isWireObject(wire)) return fail(state, 'malformed content_block_start');
  if (state.blocks.has(block)) return fail(state, `content block ${block} started twice`);
  const kind: BlockKind =
    wire.type === 'text'
      ? 'text'
      : wire.type === 'tool_use'
        ? 'tool'
        : wire.type === 'thinking'
          ? 'reasoning'
          : wire.type === 'redacted_thinking'
            ? 'redacted'
            : 'unsupported';
  const blockState: BlockState = { kind, hasArguments: false };
  state.blocks.set(block, blockState);
  switch (kind) {
    case 'text': {
      const text = typeof wire.text === 'string' ? wire.text : '';
      return [{ type: 'text-start', block }, ...(text ? [{ type: 'text-delta', block, text } as const] : [])];
    }
    case 'tool': {
      const start: CanonEvent = {
        type: 'tool-call-start',
        block,
        callId: typeof wire.id === 'string' ? wire.id : `toolu_${block}`,
        toolName: typeof wire.name === 'string' ? wire.name : '',
      };
      // The start block's input is `{}`; arguments follow as input_json_delta fragments.
      if (!isWireObject(wire.input) || Object.keys(wire.input).length === 0) return [start];
      blockState.hasArguments = true;
      return [start, { type: 'tool-call-delta', block, argumentsDelta: JSON.stringify(wire.input) }];
    }
    case 'reasoning': {
      const text = typeof wire.thinking === 'string' ? wire.thinking : '';
      if (typeof wire.signature === 'string' && wire.signature) blockState.signature = wire.signature;
      return [
        { type: 'reasoning-start', block },
        ...(text ? [{ type: 'reasoning-delta', block, text } as const] : []),
      ];
    }
    case 'redacted':
      blockState.redactedData = typeof wire.data === 'string' ? wire.data : '';
      return [{ type: 'reasoning-start', block }];
    default:
      return [{ type: 'warning', warning: unsupportedBlock(wire.type, block) }];
  }
}

/** `content_block_delta`: text, tool-argument fragments, thinking, and the thinking signature. */
export function onBlockDelta(state: DecoderState, chunk: WireObject): CanonEvent[] {
  const block = blockIndex(state, chunk);
  const delta = chunk.delta;
  if (block === undefined || !isWireObject(delta)) return fail(state, 'malformed content_block_delta');
  const blockState = state.blocks.get(block);
  if (!blockState) return fail(state, `content_block_delta for block ${block}, which never started`);
  switch (delta.type) {
    case 'text_delta':
      return typeof delta.text === 'string' && delta.text
        ? [{ type: 'text-delta', block, text: delta.text }]
        : [];
    case 'input_json_delta': {
      const fragment = typeof delta.partial_json === 'string' ? delta.partial_json : '';
      if (!fragment) return []; // the first fragment is often empty
      blockState.hasArguments = true;
      return [{ type: 'tool-call-delta', block, argumentsDelta: fragment }];
    }
    case 'thinking_delta':
      return typeof delta.thinking === 'string' && delta.thinking
        ? [{ type: 'reasoning-delta', block, text: delta.thinking }]
        : [];
    case 'signature_delta':
      if (typeof delta.signature === 'string')
        blockState.signature = (blockState.signature ?? '') + delta.signature;
      return [];
    default:
      return []; // citations_delta and server-tool deltas have no canonical event
  }
}

function closeBlock(state: DecoderState, block: number): CanonEvent[] {
  const blockState = state.blocks.get(block);
  if (!blockState) return [];
  state.blocks.delete(block);
  switch (blockState.kind) {
    case 'text':
      return [{ type: 'text-end', block }];
    case 'tool':
      return [
        ...(blockState.hasArguments
          ? []
          : [{ type: 'tool-call-delta', block, argumentsDelta: '{}' } as const]),
        { type: 'tool-call-end', block },
      ];
    case 'reasoning':
      return [
        {
          type: 'reasoning-end',
          block,
          ...(blockState.signature ? { signature: blockState.signature } : {}),
        },
      ];
    case 'redacted':
      return [{ type: 'reasoning-end', block, redactedData: blockState.redactedData ?? '' }];
    default:
      return [];
  }
}

/** `content_block_stop`: ends the canonical block, with the signature or redacted data of thinking. */
export function onBlockStop(state: DecoderState, chunk: WireObject): CanonEvent[] {
  const block = blockIndex(state, chunk);
  if (block === undefined) return fail(state, 'malformed content_block_stop');
  return closeBlock(state, block);
}

/** Closes blocks the upstream left open, so the canonical stream stays well formed. */
export function closeOpenBlocks(state: DecoderState): CanonEvent[] {
  return [...state.blocks.keys()].sort((a, b) => a - b).flatMap((block) => closeBlock(state, block));
}
