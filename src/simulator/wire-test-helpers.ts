// Helpers for the Anthropic and Gemini tests (not part of the public API): raw requests and
// strict parsers of both streaming grammars, so a framing slip fails a test instead of passing
// through a lenient SDK.
import { expect } from 'vitest';
import type { Simulator } from './types.js';

/** A finished (or broken) HTTP exchange; `error` is set when the connection broke mid-body. */
export interface WireResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
  error: unknown;
}

/** POSTs JSON (or raw text) and reads the whole response without throwing on a broken connection. */
export async function post(
  simulator: Simulator,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<WireResponse> {
  const response = await fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  let text = '';
  let error: unknown;
  try {
    const decoder = new TextDecoder();
    for await (const chunk of response.body ?? []) text += decoder.decode(chunk, { stream: true });
  } catch (caught) {
    error = caught;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json, error };
}

/** GETs a path with headers and returns status and parsed JSON. */
export async function get(simulator: Simulator, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${simulator.url}${path}`, { headers });
  return { status: response.status, json: (await response.json()) as unknown };
}

/** One Anthropic SSE event: the `event:` name and the parsed `data:` payload. */
export interface AnthropicEvent {
  event: string;
  data: Record<string, unknown>;
}

/**
 * Parses Anthropic SSE strictly: every event is exactly an `event:` line and one `data:` line
 * whose JSON `type` equals the event name, and the text ends on an event boundary.
 * `allowInvalid` skips (and counts) events whose data is not JSON, for `malformed-N`.
 */
export function anthropicEvents(
  text: string,
  allowInvalid = false,
): { events: AnthropicEvent[]; invalid: number } {
  const events: AnthropicEvent[] = [];
  let invalid = 0;
  const blocks = text.split('\n\n');
  expect(blocks.pop(), 'the stream ends on an event boundary').toBe('');
  for (const block of blocks) {
    const match = /^event: ([a-z_]+)\ndata: (.*)$/.exec(block);
    if (match === null) throw new Error(`not an Anthropic SSE event: ${JSON.stringify(block)}`);
    let data: Record<string, unknown>;
    try {
      data = JSON.parse(match[2] ?? '') as Record<string, unknown>;
    } catch (error) {
      if (!allowInvalid) throw error;
      invalid++;
      continue;
    }
    expect(data.type).toBe(match[1]);
    events.push({ event: match[1] ?? '', data });
  }
  return { events, invalid };
}

/** What a strict accumulator builds from a Messages stream (like the SDK's `finalMessage()`). */
export interface AccumulatedMessage {
  id: string;
  content: Record<string, unknown>[];
  stopReason: unknown;
  stopSequence: unknown;
  usage: Record<string, unknown>;
  startUsage: Record<string, unknown>;
  pings: number;
  stopped: boolean;
}

const DELTA_FOR_BLOCK: Record<string, string[]> = {
  text: ['text_delta'],
  thinking: ['thinking_delta', 'signature_delta'],
  tool_use: ['input_json_delta'],
};

/**
 * Checks the Messages grammar event by event (message_start first; blocks opened with indexes
 * 0, 1, ... in order, deltas only for the open block and of its kind, each block closed before
 * the next; message_delta after the blocks; message_stop last) and accumulates the message.
 * `complete: false` accepts a stream that breaks off (cut, nodone).
 */
export function accumulateMessage(events: readonly AnthropicEvent[], complete = true): AccumulatedMessage {
  const [first, ...rest] = events;
  expect(first?.event).toBe('message_start');
  const start = (first?.data.message ?? {}) as Record<string, unknown>;
  const message: AccumulatedMessage = {
    id: String(start.id),
    content: [],
    stopReason: null,
    stopSequence: null,
    usage: {},
    startUsage: start.usage as Record<string, unknown>,
    pings: 0,
    stopped: false,
  };
  expect(start).toMatchObject({ type: 'message', role: 'assistant', content: [], stop_reason: null });
  let open: Record<string, unknown> | undefined;
  let json = '';
  for (const { event, data } of rest) {
    expect(message.stopped, `${event} after message_stop`).toBe(false);
    if (event === 'ping') message.pings++;
    else if (event === 'content_block_start') {
      expect(open, 'a block starts while another is open').toBeUndefined();
      expect(data.index).toBe(message.content.length);
      open = { ...(data.content_block as Record<string, unknown>) };
      json = '';
    } else if (event === 'content_block_delta') {
      expect(open, 'a delta outside a block').toBeDefined();
      expect(data.index).toBe(message.content.length);
      const delta = data.delta as Record<string, string>;
      expect(DELTA_FOR_BLOCK[String(open?.type)]).toContain(delta.type);
      if (open === undefined) continue;
      if (delta.type === 'text_delta') open.text = `${String(open.text)}${delta.text}`;
      if (delta.type === 'thinking_delta') open.thinking = `${String(open.thinking)}${delta.thinking}`;
      if (delta.type === 'signature_delta') open.signature = delta.signature;
      if (delta.type === 'input_json_delta') json += delta.partial_json;
    } else if (event === 'content_block_stop') {
      expect(data.index).toBe(message.content.length);
      if (open === undefined) throw new Error('a stop outside a block');
      if (open.type === 'tool_use') open.input = JSON.parse(json);
      message.content.push(open);
      open = undefined;
    } else if (event === 'message_delta') {
      expect(open, 'message_delta inside a block').toBeUndefined();
      const delta = data.delta as Record<string, unknown>;
      message.stopReason = delta.stop_reason;
      message.stopSequence = delta.stop_sequence;
      message.usage = data.usage as Record<string, unknown>;
    } else if (event === 'message_stop') {
      expect(message.stopReason, 'message_stop before message_delta').not.toBeNull();
      message.stopped = true;
    } else {
      throw new Error(`unexpected event ${event}`);
    }
  }
  if (complete) {
    expect(message.stopped).toBe(true);
    expect(message.pings).toBe(1);
  }
  return message;
}

/**
 * Parses Gemini SSE strictly: events separated by `\r\n\r\n`, each exactly one `data:` line
 * holding a JSON object (no `event:` lines, no `[DONE]`), the text ending on a boundary.
 */
export function geminiEvents(
  text: string,
  allowInvalid = false,
): { events: Record<string, unknown>[]; invalid: number } {
  const events: Record<string, unknown>[] = [];
  let invalid = 0;
  const blocks = text.split('\r\n\r\n');
  expect(blocks.pop(), 'the stream ends on an event boundary').toBe('');
  for (const block of blocks) {
    expect(block.startsWith('data: ') && !block.includes('\n')).toBe(true);
    try {
      events.push(JSON.parse(block.slice('data: '.length)) as Record<string, unknown>);
    } catch (error) {
      if (!allowInvalid) throw error;
      invalid++;
    }
  }
  return { events, invalid };
}

/** The first candidate of a GenerateContentResponse. */
export function firstCandidate(response: unknown): Record<string, unknown> {
  const candidates = (response as { candidates?: Record<string, unknown>[] }).candidates;
  return candidates?.[0] ?? {};
}

/** The parts of a candidate (none when the content has no `parts`). */
export function partsOf(candidate: Record<string, unknown>): Record<string, unknown>[] {
  return (candidate.content as { parts?: Record<string, unknown>[] } | undefined)?.parts ?? [];
}
