import {
  type AttemptRecord,
  type CanonEvent,
  type CanonRequest,
  GatewayError,
  type Warning,
} from '../canon/index.js';
import type { Cancellation } from '../http/index.js';
import type { RouteTarget, RouteTimeouts } from './plan.js';
import { type ExecutionDependencies, tryTarget } from './try-target.js';

/** What a rescue needs: the request, who may continue it, and how to report a change of server. */
export interface RescueContext {
  request: CanonRequest;
  /** Candidates after the one that committed, in plan order; only those that continue a prefix are used. */
  fallbacks: RouteTarget[];
  timeouts: RouteTimeouts;
  signal: Cancellation;
  attempts: AttemptRecord[];
  dependencies: ExecutionDependencies;
  onRescued(target: RouteTarget): void;
}

/**
 * Stream rescue: when a committed stream is cut, stalls or turns malformed, the text received so far is
 * sent to a fallback as an assistant prefix and its continuation is spliced in, so the caller gets one
 * uninterrupted answer. Only text answers are rescued (a half-streamed tool call cannot be continued).
 * If no fallback can continue, or one refuses the prefix, the ORIGINAL error is what the caller sees.
 */
export async function* withStreamRescue(
  events: AsyncIterable<CanonEvent>,
  context: RescueContext,
): AsyncGenerator<CanonEvent> {
  let text = '';
  let openTextBlock: number | undefined;
  let nextBlock = 0;
  let rescuable = true;
  for await (const event of events) {
    if (event.type !== 'error' || event.error.kind === 'client_closed' || !rescuable) {
      if ('block' in event) nextBlock = Math.max(nextBlock, event.block + 1);
      if ('choice' in event && (event.choice ?? 0) !== 0) rescuable = false;
      if (event.type === 'text-start') openTextBlock = event.block;
      else if (event.type === 'text-delta') text += event.text;
      else if (event.type === 'text-end') openTextBlock = undefined;
      else if (
        event.type.startsWith('tool-call') ||
        event.type.startsWith('reasoning') ||
        event.type === 'refusal-delta'
      ) {
        rescuable = false;
      }
      yield event;
      continue;
    }
    const original = event.error;
    const continuation = await continueElsewhere(text, context);
    if (!continuation) {
      yield { type: 'error', error: original };
      return;
    }
    yield* splice(continuation, openTextBlock, nextBlock);
    return;
  }
}

async function continueElsewhere(
  prefix: string,
  context: RescueContext,
): Promise<AsyncIterable<CanonEvent> | undefined> {
  if (prefix.length === 0) return undefined;
  const request: CanonRequest = {
    ...context.request,
    messages: [...context.request.messages, { role: 'assistant', content: [{ type: 'text', text: prefix }] }],
  };
  for (const target of context.fallbacks) {
    if (!target.facts.continuation || context.dependencies.health.unavailable(target.deployment)) continue;
    try {
      const success = await tryTarget(
        request,
        target,
        context.timeouts,
        context.signal,
        context.attempts,
        context.dependencies,
      );
      if (success.kind !== 'stream') continue;
      context.onRescued(target);
      return withWarnings(success.warnings, success.events);
    } catch (error) {
      if (error instanceof GatewayError && error.kind === 'client_closed') return undefined;
      // A refusal of the prefix (or any failure) moves to the next fallback; the original error stays the answer.
    }
  }
  return undefined;
}

/** Renumbers the continuation's blocks after the original's and merges its first text into the open text block. */
async function* splice(
  events: AsyncIterable<CanonEvent>,
  openTextBlock: number | undefined,
  firstFreeBlock: number,
): AsyncGenerator<CanonEvent> {
  let mergedText: number | undefined;
  for await (const event of events) {
    if (event.type === 'response-start') continue;
    if (!('block' in event)) {
      yield event;
      continue;
    }
    if (event.type === 'text-start' && mergedText === undefined && openTextBlock !== undefined) {
      mergedText = event.block;
      continue;
    }
    const block = event.block === mergedText ? (openTextBlock as number) : firstFreeBlock + event.block;
    yield { ...event, block };
  }
}

/** The rescuing target's translation warnings, in-band: the headers went out with the first target's. */
async function* withWarnings(
  warnings: Warning[],
  events: AsyncIterable<CanonEvent>,
): AsyncGenerator<CanonEvent> {
  for (const warning of warnings) yield { type: 'warning', warning };
  yield* events;
}
