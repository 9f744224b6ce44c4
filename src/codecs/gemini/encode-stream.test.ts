import { describe, expect, it } from 'vitest';
import { type CanonEvent, GatewayError } from '../../canon/index.js';
import { createSseParser, encodeSseFrame } from '../../http/index.js';
import { decodeGeminiRequest } from './decode-request.js';
import { createGeminiStreamEncoder } from './encode-stream.js';

const request = decodeGeminiRequest(
  { contents: [{ parts: [{ text: 'x' }] }] },
  { model: 'alias', stream: true },
);

/** Encodes, writes as SSE text, then parses the text back: what a genai client would receive. */
function encode(events: CanonEvent[]): { text: string; bodies: Array<Record<string, unknown>> } {
  const encoder = createGeminiStreamEncoder(request);
  const frames = [...events.flatMap((event) => encoder.push(event)), ...encoder.end()];
  const text = frames.map(encodeSseFrame).join('');
  const parsed = createSseParser().push(text);
  return { text, bodies: parsed.map((event) => JSON.parse(event.data) as Record<string, unknown>) };
}

const start: CanonEvent = { type: 'response-start', id: 'r-1', model: 'claude-sonnet', createdAt: 1 };

describe('createGeminiStreamEncoder', () => {
  it('writes data-only events of complete JSON, text parts as deltas, usage and summary on the last', () => {
    const { text, bodies } = encode([
      start,
      { type: 'text-start', block: 0 },
      { type: 'text-delta', block: 0, text: 'Hel' },
      { type: 'text-delta', block: 0, text: 'lo' },
      { type: 'text-end', block: 0 },
      { type: 'finish', finish: { unified: 'stop', raw: 'end_turn' } },
      { type: 'usage', usage: { input: { total: 5 }, output: { total: 2 } } },
      {
        type: 'gateway-summary',
        summary: { requestId: 'q', candidates: [], attempts: 1, fallbackUsed: false, costUsd: null },
      },
    ]);
    expect(text).not.toMatch(/^event:/m);
    expect(text).not.toContain('[DONE]');
    expect(text.endsWith('\n\n')).toBe(true);
    expect(
      text
        .split('\n\n')
        .filter((block) => block !== '')
        .every((block) => block.startsWith('data: {')),
    ).toBe(true);
    expect(bodies).toEqual([
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'Hel' }] }, index: 0 }],
        modelVersion: 'claude-sonnet',
        responseId: 'r-1',
      },
      {
        candidates: [{ content: { role: 'model', parts: [{ text: 'lo' }] }, index: 0 }],
        modelVersion: 'claude-sonnet',
        responseId: 'r-1',
      },
      {
        candidates: [{ finishReason: 'STOP', index: 0 }],
        usageMetadata: { promptTokenCount: 5, candidatesTokenCount: 2, totalTokenCount: 7 },
        switchyard: expect.objectContaining({ request_id: 'q', cost_usd: null }),
        modelVersion: 'claude-sonnet',
        responseId: 'r-1',
      },
    ]);
  });

  it('sends each function call whole at its end, with the signature that preceded it', () => {
    const { bodies } = encode([
      start,
      { type: 'reasoning-start', block: 0 },
      { type: 'reasoning-delta', block: 0, text: 'Plan.' },
      { type: 'reasoning-end', block: 0, signature: 'sig-thought' },
      { type: 'reasoning-start', block: 1 },
      { type: 'reasoning-end', block: 1, signature: 'sig-call' },
      { type: 'tool-call-start', block: 2, callId: 'call_1', toolName: 'f' },
      { type: 'tool-call-delta', block: 2, argumentsDelta: '{"a":' },
      { type: 'tool-call-delta', block: 2, argumentsDelta: '1}' },
      { type: 'tool-call-end', block: 2 },
      { type: 'finish', finish: { unified: 'tool-calls' } },
    ]);
    const parts = bodies.map(
      (body) => (body.candidates as Array<{ content?: { parts: unknown[] } }>)[0]?.content?.parts,
    );
    expect(parts).toEqual([
      [{ text: 'Plan.', thought: true }],
      [{ text: '', thought: true, thoughtSignature: 'sig-thought' }],
      [{ functionCall: { name: 'f', args: { a: 1 }, id: 'call_1' }, thoughtSignature: 'sig-call' }],
      undefined,
    ]);
    expect(bodies.at(-1)).toMatchObject({ candidates: [{ finishReason: 'STOP', index: 0 }] });
  });

  it('flushes calls that never got an end at the finish, and keeps choices apart', () => {
    const { bodies } = encode([
      { type: 'tool-call-start', block: 0, callId: 'call_9_f', toolName: 'f', choice: 1 },
      { type: 'tool-call-delta', block: 0, argumentsDelta: '{}', choice: 1 },
      { type: 'finish', finish: { unified: 'tool-calls' }, choice: 1 },
      { type: 'text-delta', block: 0, text: 'zero' },
      { type: 'finish', finish: { unified: 'length' } },
    ]);
    expect(bodies.map((body) => body.candidates)).toEqual([
      [{ content: { role: 'model', parts: [{ functionCall: { name: 'f', args: {} } }] }, index: 1 }],
      [{ content: { role: 'model', parts: [{ text: 'zero' }] }, index: 0 }],
      [
        { finishReason: 'MAX_TOKENS', index: 0 },
        { finishReason: 'STOP', index: 1 },
      ],
    ]);
  });

  it('renders an error after the commit as a final event with a google.rpc error object, and stops', () => {
    const encoder = createGeminiStreamEncoder(request);
    const error = new GatewayError('upstream_timeout', 'upstream went quiet');
    const frames = [
      ...encoder.push({ type: 'text-delta', block: 0, text: 'Hal' }),
      ...encoder.push({ type: 'error', error }),
      ...encoder.push({ type: 'text-delta', block: 0, text: 'more' }),
      ...encoder.end(),
    ];
    expect(frames).toHaveLength(2);
    const last = JSON.parse((frames[1] as { data: string }).data);
    expect(last).toEqual({
      error: { code: 504, message: 'upstream went quiet', status: 'DEADLINE_EXCEEDED' },
      candidates: [{ finishReason: 'OTHER', finishMessage: 'switchyard: upstream went quiet', index: 0 }],
      modelVersion: 'alias',
    });
  });

  it('answers a prompt a Gemini upstream blocked with its promptFeedback and no candidates', () => {
    const { bodies } = encode([
      { ...start, vendor: { gemini: { promptFeedback: { blockReason: 'SAFETY' } } } },
      { type: 'finish', finish: { unified: 'content-filter', raw: 'SAFETY' } },
    ]);
    expect(bodies).toEqual([
      { promptFeedback: { blockReason: 'SAFETY' }, modelVersion: 'claude-sonnet', responseId: 'r-1' },
    ]);
  });
});
