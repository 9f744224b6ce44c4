import {
  type CanonEvent,
  type CanonRequest,
  type CanonResponse,
  GatewayError,
  isContentEvent,
  replayResponse,
  type Warning,
} from '../canon/index.js';
import type { Cancellation, HttpClient, UpstreamResponse } from '../http/index.js';
import type { HttpProviderAdapter, ProviderAdapter, SdkProviderAdapter } from '../providers/provider.js';
import { AttemptController } from './attempt-controller.js';
import type { RouteTarget, RouteTimeouts } from './plan.js';
import { abortReason } from './sleep.js';
import { decodeUpstreamEvents } from './upstream-events.js';

/** Everything one attempt needs. */
export interface AttemptInput {
  request: CanonRequest;
  target: RouteTarget;
  adapter: ProviderAdapter;
  http: HttpClient;
  timeouts: RouteTimeouts;
  /** Aborts when the client leaves or the request deadline passes. */
  signal: Cancellation;
}

/** A successful attempt: a whole answer, or a committed stream (first content already seen). */
export type AttemptSuccess =
  | { kind: 'response'; response: CanonResponse; warnings: Warning[]; status: number }
  | {
      kind: 'stream';
      events: AsyncIterable<CanonEvent>;
      warnings: Warning[];
      status: number;
      ttftMs: number;
    };

/** Sends one request to one deployment. Throws a GatewayError when the attempt fails before commit. */
export async function runAttempt(input: AttemptInput): Promise<AttemptSuccess> {
  const { adapter } = input;
  return adapter.transport === 'sdk' ? runSdkAttempt(input, adapter) : runHttpAttempt(input, adapter);
}

/** The attempt's abort switch, armed with the time-to-first-token limit. */
function startAttempt(input: AttemptInput): AttemptController {
  const { target } = input;
  const controller = new AttemptController(input.signal);
  const ttftError = () =>
    new GatewayError(
      'upstream_timeout',
      `${target.provider} (${target.model}) did not start answering within ${input.timeouts.ttftMs} ms`,
      { provider: target.provider, upstreamModel: target.model },
    );
  controller.arm(input.timeouts.ttftMs, ttftError);
  return controller;
}

async function runHttpAttempt(input: AttemptInput, adapter: HttpProviderAdapter): Promise<AttemptSuccess> {
  const { target, request } = input;
  const built = adapter.buildRequest(request, target.model);
  const { warnings } = built;
  if (request.strict && warnings.length > 0) throw strictRejection(warnings, target);
  const controller = startAttempt(input);
  const startedAt = performance.now();
  let committed = false;
  try {
    // Token exchanges (OAuth, IAM) count against the time to first token like the request itself.
    const spec = adapter.authorize ? await adapter.authorize(built.spec, controller.signal) : built.spec;
    const response = await input.http.send(spec, {
      signal: controller.signal,
      timeouts: { headersMs: input.timeouts.ttftMs + 1000, bodyMs: input.timeouts.idleMs + 1000 },
    });
    if (response.status >= 400) {
      const text = await response.text();
      throw adapter.decodeError(response.status, text, response.headers, target.model);
    }
    if (!request.stream || isJson(response)) {
      const json = await response.json();
      const decoded = adapter.decodeResponse(json, target.model);
      committed = true;
      controller.dispose();
      if (!request.stream) return { kind: 'response', response: decoded, warnings, status: response.status };
      // The upstream ignored `stream: true`; serve its answer as a stream.
      return {
        kind: 'stream',
        events: iterate(replayResponse(decoded)),
        warnings,
        status: response.status,
        ttftMs: performance.now() - startedAt,
      };
    }
    let lastChunkAt = performance.now();
    const upstream = decodeUpstreamEvents(response.body, adapter.createStreamDecoder(target.model), () => {
      lastChunkAt = performance.now();
    });
    const stream = await commitStream(input, upstream, () => lastChunkAt, controller, startedAt);
    committed = true;
    return { ...stream, warnings, status: response.status };
  } catch (error) {
    throw controller.signal.aborted ? abortReason(controller.signal) : error;
  } finally {
    if (!committed) {
      controller.abort(new GatewayError('client_closed', 'attempt abandoned'));
      controller.dispose();
    }
  }
}

/**
 * The same attempt through a vendor SDK: the adapter sends and decodes; this keeps the time-to-first-token
 * limit, the commit point and the idle watch identical to the HTTP path.
 */
async function runSdkAttempt(input: AttemptInput, adapter: SdkProviderAdapter): Promise<AttemptSuccess> {
  const { target, request } = input;
  const prepared = adapter.prepare(request, target.model);
  const { warnings } = prepared;
  if (request.strict && warnings.length > 0) throw strictRejection(warnings, target);
  const controller = startAttempt(input);
  const startedAt = performance.now();
  let committed = false;
  try {
    const invocation = await prepared.send(controller.signal);
    if (invocation.kind === 'response') {
      committed = true;
      controller.dispose();
      const { response } = invocation;
      if (!request.stream) return { kind: 'response', response, warnings, status: 200 };
      return {
        kind: 'stream',
        events: iterate(replayResponse(response)),
        warnings,
        status: 200,
        ttftMs: performance.now() - startedAt,
      };
    }
    let lastChunkAt = performance.now();
    const upstream = trackEvents(invocation.events, () => {
      lastChunkAt = performance.now();
    });
    const stream = await commitStream(input, upstream, () => lastChunkAt, controller, startedAt);
    committed = true;
    return { ...stream, warnings, status: 200 };
  } catch (error) {
    throw controller.signal.aborted ? abortReason(controller.signal) : error;
  } finally {
    if (!committed) {
      controller.abort(new GatewayError('client_closed', 'attempt abandoned'));
      controller.dispose();
    }
  }
}

async function* trackEvents(
  events: AsyncIterable<CanonEvent>,
  onEvent: () => void,
): AsyncGenerator<CanonEvent> {
  for await (const event of events) {
    onEvent();
    yield event;
  }
}

/**
 * Strict translation: the target cannot take the request as given, so nothing is sent and the caller
 * gets a 400 naming the first parameter (every one is listed in the message).
 */
function strictRejection(warnings: Warning[], target: RouteTarget): GatewayError {
  const first = warnings[0] as Warning;
  const list = warnings.map((warning) => warning.message).join(' ');
  return new GatewayError(
    'invalid_request',
    `Strict mode: ${target.provider}/${target.model} cannot honour this request as given. ${list}`,
    { param: first.field ?? 'ext.switchyard.strict', code: 'unsupported_parameter' },
  );
}

function isJson(response: UpstreamResponse): boolean {
  return (response.headers['content-type'] ?? '').includes('application/json');
}

/** Reads until the first content event (the commit point); the rest streams from the returned iterable. */
async function commitStream(
  input: AttemptInput,
  upstream: AsyncGenerator<CanonEvent>,
  lastChunkAt: () => number,
  controller: AttemptController,
  startedAt: number,
): Promise<{ kind: 'stream'; events: AsyncIterable<CanonEvent>; ttftMs: number }> {
  const buffered: CanonEvent[] = [];
  for (;;) {
    const next = await upstream.next();
    if (next.done)
      throw new GatewayError(
        'upstream_protocol',
        `${input.target.provider}: stream ended before any content`,
      );
    const event = next.value;
    if (event.type === 'error') throw event.error;
    buffered.push(event);
    if (isContentEvent(event)) break;
  }
  const ttftMs = performance.now() - startedAt;
  const stopIdleWatch = armIdleWatch(controller, input, lastChunkAt);
  return { kind: 'stream', events: continueStream(buffered, upstream, controller, stopIdleWatch), ttftMs };
}

/** After commit, silence longer than idleMs aborts the upstream with a timeout error. Returns a stop function. */
function armIdleWatch(
  controller: AttemptController,
  input: AttemptInput,
  lastChunkAt: () => number,
): () => void {
  const idleMs = input.timeouts.idleMs;
  controller.clearTimer();
  const check = () => {
    const silentFor = performance.now() - lastChunkAt();
    if (silentFor < idleMs) {
      timer = setTimeout(check, idleMs - silentFor);
      return;
    }
    const { provider, model } = input.target;
    controller.abort(
      new GatewayError('upstream_timeout', `${provider} (${model}) stalled: no data for ${idleMs} ms`, {
        provider,
        upstreamModel: model,
      }),
    );
  };
  let timer = setTimeout(check, idleMs);
  return () => clearTimeout(timer);
}

async function* continueStream(
  buffered: CanonEvent[],
  upstream: AsyncGenerator<CanonEvent>,
  controller: AttemptController,
  stopIdleWatch: () => void,
): AsyncGenerator<CanonEvent> {
  let finished = false;
  try {
    for (const event of buffered) yield event;
    for (;;) {
      let next: IteratorResult<CanonEvent>;
      try {
        next = await upstream.next();
      } catch (error) {
        const failure = controller.signal.aborted ? abortReason(controller.signal) : toStreamError(error);
        finished = true;
        yield { type: 'error', error: failure };
        return;
      }
      if (next.done) break;
      yield next.value;
      if (next.value.type === 'error') break;
    }
    finished = true;
  } finally {
    stopIdleWatch();
    // The consumer stopped early (client gone): close the upstream socket at once.
    if (!finished) controller.abort(new GatewayError('client_closed', 'the client closed the request'));
    controller.dispose();
  }
}

function toStreamError(error: unknown): GatewayError {
  if (error instanceof GatewayError) {
    if (error.kind === 'upstream_unavailable') {
      return new GatewayError(
        'upstream_unavailable',
        `upstream connection closed mid-stream: ${error.message}`,
        error.details,
      );
    }
    return error;
  }
  return new GatewayError('upstream_protocol', `upstream stream failed: ${String(error)}`, { cause: error });
}

async function* iterate(events: CanonEvent[]): AsyncGenerator<CanonEvent> {
  yield* events;
}
