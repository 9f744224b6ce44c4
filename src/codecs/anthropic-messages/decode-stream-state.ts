import { type CanonEvent, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';

/** What an upstream content block carries; `unsupported` covers server-tool blocks. */
export type BlockKind = 'text' | 'tool' | 'reasoning' | 'redacted' | 'unsupported';

/** One open upstream content block. */
export interface BlockState {
  kind: BlockKind;
  signature?: string;
  redactedData?: string;
  /** A tool block received argument bytes (an argument-less call still needs "{}"). */
  hasArguments: boolean;
}

/** Everything the handlers share; one object, so each handler is a small pure step. */
export interface DecoderState {
  provider: ProviderIdentity;
  started: boolean;
  finishSent: boolean;
  /** `message_stop` arrived: the only clean end. */
  stopped: boolean;
  failed: boolean;
  blocks: Map<number, BlockState>;
  /** Anthropic usage so far; `message_delta` counts are cumulative and replace earlier ones. */
  usage: WireObject;
}

/** The state of a decoder that has seen nothing yet. */
export function newDecoderState(provider: ProviderIdentity): DecoderState {
  return {
    provider,
    started: false,
    finishSent: false,
    stopped: false,
    failed: false,
    blocks: new Map(),
    usage: {},
  };
}

/** Reports a protocol violation and stops decoding. */
export function fail(state: DecoderState, message: string): CanonEvent[] {
  state.failed = true;
  const error = new GatewayError('upstream_protocol', `${state.provider.id}: ${message}`, {
    provider: state.provider.id,
    upstreamModel: state.provider.model,
  });
  return [{ type: 'error', error }];
}
