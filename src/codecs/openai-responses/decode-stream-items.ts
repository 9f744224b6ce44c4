import type { CanonEvent, ProviderIdentity } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/** One canonical block opened for an output item (or a message content part). */
export interface StreamBlock {
  block: number;
  kind: 'text' | 'refusal' | 'reasoning' | 'tool';
  open: boolean;
  /** What was streamed so far (text or arguments), to reconcile `.done` events that repeat it. */
  streamed: string;
  /** Reasoning only: the summary part the last delta belonged to. */
  summaryIndex?: number;
}

/** The Responses stream decoder's state. */
export interface DecoderState {
  provider: ProviderIdentity;
  started: boolean;
  /** A terminal event (or an error) was seen; later events are ignored. */
  closed: boolean;
  nextBlock: number;
  /** `"<output_index>"` for items, `"<output_index>:<content_index>"` for message parts. */
  blocks: Map<string, StreamBlock>;
  hasToolCalls: boolean;
}

function indexOf(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

function open(state: DecoderState, key: string, kind: StreamBlock['kind']): StreamBlock {
  const block: StreamBlock = { block: state.nextBlock++, kind, open: true, streamed: '' };
  state.blocks.set(key, block);
  return block;
}

/** Emits the end event of a block that is still open. */
export function closeBlock(block: StreamBlock, events: CanonEvent[]): void {
  if (!block.open) return;
  block.open = false;
  if (block.kind === 'text') events.push({ type: 'text-end', block: block.block });
  else if (block.kind === 'reasoning') events.push({ type: 'reasoning-end', block: block.block });
  else if (block.kind === 'tool') events.push({ type: 'tool-call-end', block: block.block });
}

/** `response.output_item.added`: function calls and reasoning items open their block here. */
export function onItemAdded(state: DecoderState, payload: WireObject, events: CanonEvent[]): void {
  const item = isWireObject(payload.item) ? payload.item : {};
  const key = String(indexOf(payload.output_index));
  if (state.blocks.has(key)) return;
  if (item.type === 'function_call') {
    state.hasToolCalls = true;
    const block = open(state, key, 'tool');
    events.push({
      type: 'tool-call-start',
      block: block.block,
      callId: typeof item.call_id === 'string' ? item.call_id : `call_${block.block}`,
      toolName: typeof item.name === 'string' ? item.name : '',
    });
    if (typeof item.arguments === 'string') appendStreamed(block, item.arguments, events);
  } else if (item.type === 'reasoning') {
    events.push({ type: 'reasoning-start', block: open(state, key, 'reasoning').block });
  }
}

/** `response.output_item.done`: closes the item's blocks, filling in anything not streamed. */
export function onItemDone(state: DecoderState, payload: WireObject, events: CanonEvent[]): void {
  const outputIndex = indexOf(payload.output_index);
  const item = isWireObject(payload.item) ? payload.item : {};
  if (!state.blocks.has(String(outputIndex))) onItemAdded(state, payload, events);
  const block = state.blocks.get(String(outputIndex));
  if (block?.kind === 'tool' && typeof item.arguments === 'string')
    appendStreamed(block, item.arguments, events);
  if (block?.kind === 'reasoning') appendStreamed(block, reasoningText(item), events);
  if (item.type === 'message' && Array.isArray(item.content)) {
    item.content.forEach((part, contentIndex) => {
      if (!isWireObject(part)) return;
      const key = `${outputIndex}:${contentIndex}`;
      if (part.type === 'output_text' && typeof part.text === 'string') {
        const text = state.blocks.get(key) ?? startText(state, key, events);
        appendStreamed(text, part.text, events);
      } else if (part.type === 'refusal' && typeof part.refusal === 'string') {
        appendStreamed(state.blocks.get(key) ?? open(state, key, 'refusal'), part.refusal, events);
      }
    });
  }
  for (const [key, entry] of state.blocks) {
    if (key === String(outputIndex) || key.startsWith(`${outputIndex}:`)) closeBlock(entry, events);
  }
}

/** The text a finished reasoning item carries, joined as the deltas were. */
function reasoningText(item: WireObject): string {
  const source = Array.isArray(item.content) && item.content.length > 0 ? item.content : item.summary;
  if (!Array.isArray(source)) return '';
  return source
    .filter(isWireObject)
    .map((entry) => (typeof entry.text === 'string' ? entry.text : ''))
    .join('\n\n');
}

function startText(state: DecoderState, key: string, events: CanonEvent[]): StreamBlock {
  const block = open(state, key, 'text');
  events.push({ type: 'text-start', block: block.block });
  return block;
}

/**
 * Emits the part of `full` not streamed yet: `.done` events and `output_item.done` repeat the whole
 * text, and a server that skipped the deltas still delivers its answer.
 */
function appendStreamed(block: StreamBlock, full: string, events: CanonEvent[]): void {
  if (!full.startsWith(block.streamed) || full.length === block.streamed.length) return;
  emitDelta(block, full.slice(block.streamed.length), events);
}

function emitDelta(block: StreamBlock, text: string, events: CanonEvent[]): void {
  if (text.length === 0) return;
  block.streamed += text;
  if (block.kind === 'text') events.push({ type: 'text-delta', block: block.block, text });
  else if (block.kind === 'refusal') events.push({ type: 'refusal-delta', block: block.block, text });
  else if (block.kind === 'reasoning') events.push({ type: 'reasoning-delta', block: block.block, text });
  else events.push({ type: 'tool-call-delta', block: block.block, argumentsDelta: text });
}

/** Content events: part announcements, deltas and their `.done` repeats. Unknown events are ignored. */
export function onContentEvent(
  state: DecoderState,
  type: string,
  payload: WireObject,
  events: CanonEvent[],
): void {
  const outputIndex = indexOf(payload.output_index);
  const partKey = `${outputIndex}:${indexOf(payload.content_index)}`;
  const delta = typeof payload.delta === 'string' ? payload.delta : '';
  switch (type) {
    case 'response.content_part.added': {
      const part = isWireObject(payload.part) ? payload.part : {};
      if (state.blocks.has(partKey)) return;
      if (part.type === 'output_text') startText(state, partKey, events);
      else if (part.type === 'refusal') open(state, partKey, 'refusal');
      return;
    }
    case 'response.output_text.delta':
      emitDelta(state.blocks.get(partKey) ?? startText(state, partKey, events), delta, events);
      return;
    case 'response.output_text.done': {
      const block = state.blocks.get(partKey) ?? startText(state, partKey, events);
      if (typeof payload.text === 'string') appendStreamed(block, payload.text, events);
      return;
    }
    case 'response.content_part.done': {
      const block = state.blocks.get(partKey);
      if (block) closeBlock(block, events);
      return;
    }
    case 'response.refusal.delta':
      emitDelta(state.blocks.get(partKey) ?? open(state, partKey, 'refusal'), delta, events);
      return;
    case 'response.function_call_arguments.delta':
    case 'response.function_call_arguments.done': {
      const block = state.blocks.get(String(outputIndex));
      if (block?.kind !== 'tool') return;
      if (type.endsWith('.delta')) emitDelta(block, delta, events);
      else if (typeof payload.arguments === 'string') appendStreamed(block, payload.arguments, events);
      return;
    }
    case 'response.reasoning_summary_text.delta':
    case 'response.reasoning_text.delta':
      onReasoningDelta(state, payload, delta, events);
      return;
    default:
      return;
  }
}

function onReasoningDelta(
  state: DecoderState,
  payload: WireObject,
  delta: string,
  events: CanonEvent[],
): void {
  const key = String(indexOf(payload.output_index));
  let block = state.blocks.get(key);
  if (!block) {
    block = open(state, key, 'reasoning');
    events.push({ type: 'reasoning-start', block: block.block });
  }
  // Several summary parts read as paragraphs of one reasoning text.
  const part = indexOf(payload.summary_index ?? payload.content_index);
  if (block.summaryIndex !== undefined && part !== block.summaryIndex && block.streamed.length > 0) {
    emitDelta(block, '\n\n', events);
  }
  block.summaryIndex = part;
  emitDelta(block, delta, events);
}
