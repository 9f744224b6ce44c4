import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CanonResponse, GatewaySummary } from '../../canon/index.js';
import { decodeGeminiResponse } from './decode-response.js';
import { encodeGeminiResponse } from './encode-response.js';

const provider = { id: 'anthropic', model: 'claude-sonnet' };

const summary: GatewaySummary = {
  requestId: 'req-1',
  model: 'anthropic/claude-sonnet',
  provider: 'anthropic',
  candidates: ['anthropic/claude-sonnet'],
  attempts: 1,
  fallbackUsed: false,
  costUsd: '0.0012',
};

const fromAnthropic: CanonResponse = {
  id: 'msg_1',
  model: 'claude-sonnet',
  createdAt: 1700000000,
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'Need the tool.', signature: 'anthropic-sig' },
          { type: 'text', text: 'Checking.' },
          {
            type: 'tool-call',
            callId: 'toolu_01',
            toolName: 'get_weather',
            argumentsJson: '{"city":"Paris"}',
          },
          { type: 'tool-call', callId: 'call_7_get_time', toolName: 'get_time', argumentsJson: '' },
        ],
      },
      finish: { unified: 'tool-calls', raw: 'tool_use' },
    },
  ],
  usage: { input: { total: 50, cacheRead: 20 }, output: { total: 30, reasoning: 10 } },
  warnings: [],
  provider,
  vendor: {},
};

describe('encodeGeminiResponse', () => {
  it('writes candidates, thought parts, whole function calls (wire ids only), STOP for tool calls', () => {
    const body = encodeGeminiResponse(fromAnthropic);
    expect(body.candidates).toEqual([
      {
        content: {
          role: 'model',
          parts: [
            { text: 'Need the tool.', thought: true, thoughtSignature: 'anthropic-sig' },
            { text: 'Checking.' },
            { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'toolu_01' } },
            { functionCall: { name: 'get_time', args: {} } },
          ],
        },
        finishReason: 'STOP',
        index: 0,
      },
    ]);
    expect(body.modelVersion).toBe('claude-sonnet');
    expect(body.responseId).toBe('msg_1');
    expect(body).not.toHaveProperty('switchyard');
  });

  it('writes usageMetadata with candidatesTokenCount excluding thoughts, and totals that add up', () => {
    expect(encodeGeminiResponse(fromAnthropic).usageMetadata).toEqual({
      promptTokenCount: 50,
      candidatesTokenCount: 20,
      thoughtsTokenCount: 10,
      cachedContentTokenCount: 20,
      totalTokenCount: 80,
    });
  });

  it('adds the gateway summary as a top-level switchyard object when given one', () => {
    expect(encodeGeminiResponse(fromAnthropic, undefined, summary).switchyard).toMatchObject({
      request_id: 'req-1',
      cost_usd: '0.0012',
      attempts: 1,
    });
  });

  it('maps unified finish reasons for other providers and keeps Gemini words', () => {
    const finishOf = (finish: CanonResponse['choices'][number]['finish']) =>
      (
        encodeGeminiResponse({
          ...fromAnthropic,
          choices: [{ index: 0, message: { role: 'assistant', content: [] }, finish }],
        }).candidates as Array<Record<string, unknown>>
      )[0];
    expect(finishOf({ unified: 'stop', raw: 'end_turn' })).toEqual({ finishReason: 'STOP', index: 0 });
    expect(finishOf({ unified: 'length' })?.finishReason).toBe('MAX_TOKENS');
    expect(finishOf({ unified: 'content-filter', raw: 'refusal' })?.finishReason).toBe('SAFETY');
    expect(finishOf({ unified: 'error' })?.finishReason).toBe('OTHER');
    expect(finishOf({ unified: 'other' })?.finishReason).toBe('STOP');
    expect(finishOf({ unified: 'content-filter', raw: 'RECITATION' })?.finishReason).toBe('RECITATION');
  });

  it('gives a Gemini caller back what a Gemini upstream said: blocked prompt, safety ratings, signatures', () => {
    const blocked = JSON.parse(
      readFileSync(new URL('./__fixtures__/blocked-prompt.json', import.meta.url), 'utf8'),
    );
    expect(encodeGeminiResponse(decodeGeminiResponse(blocked, provider))).toEqual(blocked);
    const thinking = JSON.parse(
      readFileSync(new URL('./__fixtures__/thinking-response.json', import.meta.url), 'utf8'),
    );
    expect(encodeGeminiResponse(decodeGeminiResponse(thinking, provider))).toEqual(thinking);
  });
});
