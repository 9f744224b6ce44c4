import { describe, expect, it } from 'vitest';
import { decodeAnthropicResponse } from './decode-response.js';
import { decodeAnthropicError, decodeAnthropicStreamError } from './map-error.js';
import { mapAnthropicFinishReason } from './map-finish-reason.js';
import { catchGatewayError, readJsonFixture, testProvider } from './test-helpers.js';

describe('decodeAnthropicResponse: recorded answers', () => {
  it('a plain answer: text, finish, usage with cache reads and writes added to the input total', () => {
    const response = decodeAnthropicResponse(readJsonFixture('response-text.json'), testProvider);
    expect(response).toMatchObject({
      id: 'msg_01XFDUDYJgAACzvnptvVoYEL',
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: [{ type: 'text', text: 'Hello! How can I help you today?' }],
          },
          finish: { unified: 'stop', raw: 'end_turn' },
        },
      ],
      usage: { input: { total: 2112, cacheRead: 2000, cacheWrite: 100 }, output: { total: 11 } },
      warnings: [],
      provider: testProvider,
      vendor: {},
    });
    expect(response.usage?.raw).toMatchObject({ input_tokens: 12, service_tier: 'standard' });
  });

  it('a tool-use answer: arguments as JSON text, finish tool-calls', () => {
    const response = decodeAnthropicResponse(readJsonFixture('response-tool-use.json'), testProvider);
    expect(response.choices[0]?.message.content).toEqual([
      { type: 'text', text: "I'll check the weather in Paris." },
      {
        type: 'tool-call',
        callId: 'toolu_01A09q90qw90lq917835lq9',
        toolName: 'get_weather',
        argumentsJson: '{"city":"Paris","unit":"c"}',
      },
      {
        type: 'tool-call',
        callId: 'toolu_01B19q90qw90lq917835lq9',
        toolName: 'get_time',
        argumentsJson: '{}',
      },
    ]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(response.usage).toMatchObject({
      input: { total: 472, cacheRead: 0, cacheWrite: 0 },
      output: { total: 89 },
    });
  });

  it('a thinking answer: signature and redacted data kept, stop_sequence kept in vendor, thinking tokens', () => {
    const response = decodeAnthropicResponse(readJsonFixture('response-thinking.json'), testProvider);
    expect(response.choices[0]?.message.content).toEqual([
      {
        type: 'reasoning',
        text: 'Let me analyze this step by step. 27 * 453 = 12231.',
        signature: 'EqQBCkgIARABGAIiQL2xYjPvbEkp4Ho9Yv/7WKvZB2fRwhFV',
      },
      { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIw' },
      { type: 'text', text: '27 * 453 = 12,231.' },
    ]);
    expect(response.choices[0]?.finish).toEqual({ unified: 'stop', raw: 'stop_sequence' });
    expect(response.vendor).toEqual({ 'anthropic-messages': { stop_sequence: 'END' } });
    expect(response.usage?.output).toEqual({ total: 210, reasoning: 150 });
  });

  it('warns about server-tool blocks it cannot carry, and rejects a body that is not a message', () => {
    const response = decodeAnthropicResponse(
      {
        id: 'msg_1',
        content: [
          { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: {} },
          { type: 'text', text: 'Found it.' },
        ],
        stop_reason: 'end_turn',
        usage: { input_tokens: 1, output_tokens: 2 },
      },
      testProvider,
    );
    expect(response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Found it.' }]);
    expect(response.warnings).toEqual([
      expect.objectContaining({ code: 'unsupported-content', field: 'content[0]' }),
    ]);
    for (const body of [null, { type: 'message' }, { content: ['x'] }, { content: [{ type: 'tool_use' }] }]) {
      expect(catchGatewayError(() => decodeAnthropicResponse(body, testProvider)).kind).toBe(
        'upstream_protocol',
      );
    }
  });
});

describe('mapAnthropicFinishReason', () => {
  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['pause_turn', 'stop'],
    ['max_tokens', 'length'],
    ['model_context_window_exceeded', 'length'],
    ['tool_use', 'tool-calls'],
    ['refusal', 'content-filter'],
    ['something_new', 'other'],
  ])('%s → %s', (raw, unified) => {
    expect(mapAnthropicFinishReason(raw)).toEqual({ unified, raw });
  });
});

describe('decodeAnthropicError', () => {
  const envelope = (type: string, message: string) =>
    JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_1' });

  it.each([
    [529, envelope('overloaded_error', 'Overloaded'), 'upstream_overloaded'],
    [
      429,
      envelope('rate_limit_error', 'Number of request tokens has exceeded your per-minute rate limit'),
      'upstream_rate_limited',
    ],
    [
      400,
      envelope('invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum'),
      'context_length_exceeded',
    ],
    [400, envelope('invalid_request_error', 'max_tokens: Field required'), 'upstream_bad_request'],
    [401, envelope('authentication_error', 'invalid x-api-key'), 'upstream_auth'],
    [402, envelope('billing_error', 'Your credit balance is too low'), 'upstream_auth'],
    [404, envelope('not_found_error', 'model: claude-nope'), 'upstream_unavailable'],
    [500, envelope('api_error', 'Internal server error'), 'upstream_unavailable'],
    [504, envelope('timeout_error', 'Request timed out'), 'upstream_timeout'],
    [
      429,
      JSON.stringify({ error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } }),
      'upstream_rate_limited',
    ],
    [502, '<html>Bad gateway</html>', 'upstream_unavailable'],
  ])('%i %s → %s', (status, body, kind) => {
    const error = decodeAnthropicError(status, body, {}, testProvider);
    expect(error.kind).toBe(kind);
    expect(error.details).toMatchObject({ provider: 'anthropic', upstreamStatus: status });
  });

  it('keeps the error type as code, the message, and Retry-After', () => {
    const error = decodeAnthropicError(
      429,
      envelope('rate_limit_error', 'slow down'),
      { 'retry-after': '7' },
      testProvider,
    );
    expect(error.details).toMatchObject({ code: 'rate_limit_error', retryAfterMs: 7000 });
    expect(error.message).toContain('slow down');
  });

  it('maps an in-stream error by its type', () => {
    const overloaded = decodeAnthropicStreamError(
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
      testProvider,
    );
    expect(overloaded.kind).toBe('upstream_overloaded');
    expect(overloaded.details.upstreamStatus).toBe(529);
    expect(decodeAnthropicStreamError({ type: 'error' }, testProvider).kind).toBe('upstream_unavailable');
  });
});
