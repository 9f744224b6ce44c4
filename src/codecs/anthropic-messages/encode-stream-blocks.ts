import type { SseFrame } from '../../http/sse-types.js';
import type { WireObject } from '../shared/read-fields.js';

/** One content block on its way to the caller. */
export interface WireBlock {
  kind: 'text' | 'thinking' | 'tool';
  /** Wire `index`, assigned when `content_block_start` is written. */
  index?: number;
  /** The canonical stream ended this block. */
  ended: boolean;
  /** Deltas that arrived while another block was on the wire. */
  pending: WireObject[];
  callId?: string;
  toolName?: string;
  signature?: string;
  redactedData?: string;
}

/**
 * The Anthropic SDK needs blocks strictly one after another (`content_block_start` indexes 0, 1, 2… in
 * order, every delta applied to `content[index]`), while canonical streams may interleave blocks (an
 * OpenAI upstream streams parallel tool calls side by side). So exactly one block is on the wire at a
 * time; blocks that start meanwhile wait in a queue with their deltas and follow in start order.
 */
export interface BlockSequencer {
  start(canonical: number, block: WireBlock, frames: SseFrame[]): void;
  delta(canonical: number, delta: WireObject, frames: SseFrame[]): void;
  end(canonical: number, frames: SseFrame[]): void;
  has(canonical: number): boolean;
  get(canonical: number): WireBlock | undefined;
  endAll(frames: SseFrame[]): void;
}

/** Frames for one Anthropic event: the `event:` name always equals the JSON `type`. */
export function frame(payload: WireObject): SseFrame {
  return { event: String(payload.type), data: JSON.stringify(payload) };
}

export function createBlockSequencer(): BlockSequencer {
  const blocks = new Map<number, WireBlock>();
  const queue: WireBlock[] = [];
  let active: WireBlock | undefined;
  let nextIndex = 0;

  const open = (block: WireBlock, frames: SseFrame[]): void => {
    if (block.index !== undefined) return;
    block.index = nextIndex++;
    frames.push(
      frame({ type: 'content_block_start', index: block.index, content_block: startContent(block) }),
    );
  };
  const writeDelta = (block: WireBlock, delta: WireObject, frames: SseFrame[]): void => {
    open(block, frames);
    frames.push(frame({ type: 'content_block_delta', index: block.index, delta }));
  };
  const close = (block: WireBlock, frames: SseFrame[]): void => {
    open(block, frames);
    if (block.kind === 'thinking' && block.signature) {
      writeDelta(block, { type: 'signature_delta', signature: block.signature }, frames);
    }
    frames.push(frame({ type: 'content_block_stop', index: block.index }));
  };
  /** Puts a block on the wire: its waiting deltas go out, and it closes at once if it already ended. */
  const activate = (block: WireBlock, frames: SseFrame[]): void => {
    active = block;
    // Thinking opens lazily: whether it is `thinking` or `redacted_thinking` is only known at its end.
    if (block.kind !== 'thinking' || block.pending.length > 0) open(block, frames);
    for (const delta of block.pending.splice(0)) writeDelta(block, delta, frames);
    if (block.ended) {
      close(block, frames);
      active = undefined;
    }
  };
  const drain = (frames: SseFrame[]): void => {
    while (active === undefined && queue.length > 0) activate(queue.shift() as WireBlock, frames);
  };

  return {
    start(canonical, block, frames) {
      blocks.set(canonical, block);
      if (active === undefined) activate(block, frames);
      else queue.push(block);
    },
    delta(canonical, delta, frames) {
      const block = blocks.get(canonical);
      if (!block || block.ended) return;
      if (block === active) writeDelta(block, delta, frames);
      else block.pending.push(delta);
    },
    end(canonical, frames) {
      const block = blocks.get(canonical);
      if (!block || block.ended) return;
      block.ended = true;
      if (block !== active) return;
      close(block, frames);
      active = undefined;
      drain(frames);
    },
    has: (canonical) => blocks.has(canonical),
    get: (canonical) => blocks.get(canonical),
    endAll(frames) {
      for (const [canonical, block] of [...blocks.entries()].sort((a, b) => a[0] - b[0])) {
        if (!block.ended) this.end(canonical, frames);
      }
      drain(frames);
    },
  };
}

function startContent(block: WireBlock): WireObject {
  switch (block.kind) {
    case 'text':
      return { type: 'text', text: '' };
    case 'tool':
      return { type: 'tool_use', id: block.callId ?? '', name: block.toolName ?? '', input: {} };
    case 'thinking':
      // Opened at its end with no text seen: a redacted block arrives whole in its start event.
      return block.redactedData !== undefined && block.ended
        ? { type: 'redacted_thinking', data: block.redactedData }
        : { type: 'thinking', thinking: '' };
  }
}
