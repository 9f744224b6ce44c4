import type { ConverseStreamOutput } from '@aws-sdk/client-bedrock-runtime';
import { type CanonEvent, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import { mapConverseUsage, mapStopReason } from './converse-decode.js';
import { mapStreamException } from './converse-errors.js';

type BlockKind = 'text' | 'reasoning' | 'tool';

interface State {
  nextBlock: number;
  /** Bedrock `contentBlockIndex` → canonical block. */
  open: Map<number, { block: number; kind: BlockKind; signature?: string }>;
  stopped: boolean;
}

/**
 * ConverseStream events (already unframed and parsed by the SDK) → canonical events. Text blocks may
 * start with their first delta (no contentBlockStart); usage arrives last, in `metadata`. Exceptions,
 * whether sent as events or thrown by the SDK mid-stream, end the stream with an error event.
 */
export async function* decodeConverseStream(
  stream: AsyncIterable<ConverseStreamOutput>,
  provider: ProviderIdentity,
  requestId: string | undefined,
  mapError: (error: unknown) => GatewayError,
): AsyncGenerator<CanonEvent> {
  const state: State = { nextBlock: 0, open: new Map(), stopped: false };
  try {
    for await (const event of stream) {
      const events = onEvent(state, event, provider, requestId);
      yield* events;
      if (events.at(-1)?.type === 'error') return;
    }
  } catch (error) {
    yield { type: 'error', error: mapError(error) };
    return;
  }
  if (!state.stopped) {
    yield {
      type: 'error',
      error: new GatewayError(
        'upstream_protocol',
        `${provider.id}: ConverseStream ended before messageStop`,
        {
          provider: provider.id,
          upstreamModel: provider.model,
        },
      ),
    };
  }
}

function onEvent(
  state: State,
  event: ConverseStreamOutput,
  provider: ProviderIdentity,
  requestId: string | undefined,
): CanonEvent[] {
  if (event.messageStart) {
    return [
      {
        type: 'response-start',
        id: requestId ?? '',
        model: provider.model,
        createdAt: Math.floor(Date.now() / 1000),
      },
    ];
  }
  if (event.contentBlockStart) {
    const index = event.contentBlockStart.contentBlockIndex ?? 0;
    const toolUse = event.contentBlockStart.start?.toolUse;
    if (!toolUse) return [];
    const block = state.nextBlock++;
    state.open.set(index, { block, kind: 'tool' });
    return [
      { type: 'tool-call-start', block, callId: toolUse.toolUseId ?? '', toolName: toolUse.name ?? '' },
    ];
  }
  if (event.contentBlockDelta) {
    const index = event.contentBlockDelta.contentBlockIndex ?? 0;
    const delta = event.contentBlockDelta.delta;
    if (delta?.text !== undefined) return appendText(state, index, 'text', delta.text);
    if (delta?.toolUse) {
      const open = state.open.get(index);
      if (open?.kind !== 'tool' || !delta.toolUse.input) return [];
      return [{ type: 'tool-call-delta', block: open.block, argumentsDelta: delta.toolUse.input }];
    }
    if (delta?.reasoningContent) {
      const reasoning = delta.reasoningContent;
      if (reasoning.text !== undefined) return appendText(state, index, 'reasoning', reasoning.text);
      const open = state.open.get(index);
      if (reasoning.signature !== undefined && open?.kind === 'reasoning')
        open.signature = reasoning.signature;
    }
    return [];
  }
  if (event.contentBlockStop) return closeBlock(state, event.contentBlockStop.contentBlockIndex ?? 0);
  if (event.messageStop) {
    state.stopped = true;
    const events = [...state.open.keys()].flatMap((index) => closeBlock(state, index));
    events.push({ type: 'finish', finish: mapStopReason(event.messageStop.stopReason) });
    return events;
  }
  if (event.metadata) {
    const usage = mapConverseUsage(event.metadata.usage);
    return usage ? [{ type: 'usage', usage }] : [];
  }
  const exception =
    event.throttlingException ??
    event.validationException ??
    event.internalServerException ??
    event.modelStreamErrorException ??
    event.serviceUnavailableException;
  if (exception) {
    const name = Object.keys(event).find((key) => key.endsWith('Exception')) ?? 'internalServerException';
    return [{ type: 'error', error: mapStreamException(name, exception.message, provider) }];
  }
  return [];
}

function appendText(state: State, index: number, kind: 'text' | 'reasoning', text: string): CanonEvent[] {
  const events: CanonEvent[] = [];
  let open = state.open.get(index);
  if (!open) {
    open = { block: state.nextBlock++, kind };
    state.open.set(index, open);
    events.push({ type: kind === 'text' ? 'text-start' : 'reasoning-start', block: open.block });
  }
  if (text !== '') {
    events.push(
      kind === 'text'
        ? { type: 'text-delta', block: open.block, text }
        : { type: 'reasoning-delta', block: open.block, text },
    );
  }
  return events;
}

function closeBlock(state: State, index: number): CanonEvent[] {
  const open = state.open.get(index);
  if (!open) return [];
  state.open.delete(index);
  switch (open.kind) {
    case 'text':
      return [{ type: 'text-end', block: open.block }];
    case 'tool':
      return [{ type: 'tool-call-end', block: open.block }];
    case 'reasoning':
      return [
        {
          type: 'reasoning-end',
          block: open.block,
          ...(open.signature ? { signature: open.signature } : {}),
        },
      ];
  }
}
