import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeOpenAiChatRequest } from './decode-request.js';

const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/full-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

function decodeError(body: unknown): GatewayError {
  try {
    decodeOpenAiChatRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

const minimal = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };

describe('decodeOpenAiChatRequest: every field of the request surface', () => {
  const request = decodeOpenAiChatRequest(fixture);

  it('maps every message role and content part', () => {
    expect(request.messages[0]).toEqual({
      role: 'system',
      developer: true,
      content: [{ type: 'text', text: 'You are terse.' }],
    });
    expect(request.messages[1]).toEqual({
      role: 'system',
      name: 'policy',
      content: [
        { type: 'text', text: 'Part one. ' },
        { type: 'text', text: 'Part two.' },
      ],
    });
    expect(request.messages[2]).toEqual({
      role: 'user',
      name: 'ada',
      content: [
        { type: 'text', text: 'What is in this picture, and what is the weather?' },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' }, detail: 'high' },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        {
          type: 'file',
          source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklGRg==' },
          mediaType: 'audio/wav',
        },
        { type: 'file', source: { kind: 'file-id', fileId: 'file-123' }, filename: 'notes.pdf' },
      ],
    });
    expect(request.messages[3]).toEqual({
      role: 'assistant',
      content: [
        { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
        { type: 'tool-call', callId: 'call_2', toolName: 'get_time', argumentsJson: '{}' },
      ],
    });
    expect(request.messages[4]).toEqual({
      role: 'tool',
      content: [{ type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: '18C' }] }],
    });
    expect(request.messages[5]).toEqual({
      role: 'tool',
      content: [{ type: 'tool-result', callId: 'call_2', content: [{ type: 'text', text: 'noon' }] }],
    });
    expect(request.messages[6]).toEqual({
      role: 'assistant',
      content: [{ type: 'text', text: 'It is 18C at noon.' }],
    });
  });

  it('maps tools, tool choice and output format', () => {
    expect(request.tools).toEqual([
      {
        name: 'get_weather',
        description: 'Weather by city',
        inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        strict: true,
      },
      { name: 'get_time' },
    ]);
    expect(request.toolChoice).toEqual({ toolName: 'get_weather' });
    expect(request.parallelToolCalls).toBe(false);
    expect(request.output).toEqual({
      type: 'json',
      schemaName: 'answer',
      schemaDescription: 'The answer',
      schema: { type: 'object' },
      strict: true,
    });
  });

  it('maps sampling, choices, logprobs, reasoning, attribution and streaming', () => {
    expect(request.sampling).toEqual({
      maxOutputTokens: 256,
      temperature: 0.5,
      topP: 0.8,
      seed: 7,
      presencePenalty: 0.1,
      frequencyPenalty: -0.2,
      stopSequences: ['END', 'STOP'],
    });
    expect(request.choiceCount).toBe(2);
    expect(request.logprobs).toEqual({ enabled: true, top: 3 });
    expect(request.reasoning).toEqual({ effort: 'low' });
    expect(request.endUser).toBe('user-1');
    expect(request.metadata).toEqual({ feature: 'chat', session_id: 's-9' });
    expect(request.stream).toBe(true);
    expect(request.streamUsage).toBe(true);
  });

  it('keeps every field it does not model, verbatim, for an OpenAI-shaped upstream', () => {
    expect(request.vendor['openai-chat']).toEqual({
      service_tier: 'priority',
      logit_bias: { '50256': -100 },
      prediction: { type: 'content', content: 'draft' },
      store: true,
      stream_options: { include_obfuscation: false },
    });
  });

  it('accepts max_tokens, a string stop, json_object and text formats', () => {
    const decoded = decodeOpenAiChatRequest({
      ...minimal,
      max_tokens: 9,
      stop: 'X',
      response_format: { type: 'json_object' },
    });
    expect(decoded.sampling).toEqual({ maxOutputTokens: 9, stopSequences: ['X'] });
    expect(decoded.output).toEqual({ type: 'json' });
    expect(decodeOpenAiChatRequest({ ...minimal, response_format: { type: 'text' } }).output).toEqual({
      type: 'text',
    });
    expect(
      decodeOpenAiChatRequest({ ...minimal, stream: false, stream_options: { include_usage: true } })
        .streamUsage,
    ).toBe(false);
  });
});

describe('decodeOpenAiChatRequest: clear errors naming the field', () => {
  const cases: Array<[string, unknown, string]> = [
    ['not an object', [1, 2], 'body'],
    ['missing model', { messages: minimal.messages }, 'model'],
    ['numeric model', { ...minimal, model: 5 }, 'model'],
    ['missing messages', { model: 'm' }, 'messages'],
    ['empty messages', { model: 'm', messages: [] }, 'messages'],
    ['message not an object', { model: 'm', messages: ['hi'] }, 'messages[0]'],
    ['unknown role', { model: 'm', messages: [{ role: 'bot', content: 'x' }] }, 'messages[0].role'],
    ['user without content', { model: 'm', messages: [{ role: 'user' }] }, 'messages[0].content'],
    [
      'bad part type',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'video' }] }] },
      'messages[0].content[0].type',
    ],
    [
      'image without url',
      { model: 'm', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      'messages[0].content[0].image_url.url',
    ],
    [
      'image with a bad url',
      {
        model: 'm',
        messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://x' } }] }],
      },
      'messages[0].content[0].image_url.url',
    ],
    [
      'tool without id',
      { model: 'm', messages: [{ role: 'tool', content: 'x' }] },
      'messages[0].tool_call_id',
    ],
    [
      'tool call without name',
      {
        model: 'm',
        messages: [{ role: 'assistant', tool_calls: [{ id: 'a', type: 'function', function: {} }] }],
      },
      'messages[0].tool_calls[0].function.name',
    ],
    ['temperature out of range', { ...minimal, temperature: 3 }, 'temperature'],
    ['temperature wrong type', { ...minimal, temperature: 'hot' }, 'temperature'],
    ['top_p out of range', { ...minimal, top_p: 1.5 }, 'top_p'],
    ['fractional n', { ...minimal, n: 1.5 }, 'n'],
    ['zero max_tokens', { ...minimal, max_tokens: 0 }, 'max_tokens'],
    ['five stops', { ...minimal, stop: ['a', 'b', 'c', 'd', 'e'] }, 'stop'],
    ['numeric stop', { ...minimal, stop: [1] }, 'stop[0]'],
    ['top_logprobs without logprobs', { ...minimal, top_logprobs: 2 }, 'top_logprobs'],
    ['stream not boolean', { ...minimal, stream: 'yes' }, 'stream'],
    ['tool of another type', { ...minimal, tools: [{ type: 'retrieval' }] }, 'tools[0].type'],
    [
      'bad tool name',
      { ...minimal, tools: [{ type: 'function', function: { name: 'has space' } }] },
      'tools[0].function.name',
    ],
    [
      'tool_choice of an unknown tool',
      { ...minimal, tool_choice: { type: 'function', function: { name: 'nope' } } },
      'tool_choice.function.name',
    ],
    ['tool_choice word', { ...minimal, tool_choice: 'sometimes' }, 'tool_choice'],
    ['response_format type', { ...minimal, response_format: { type: 'yaml' } }, 'response_format.type'],
    [
      'schema without name',
      { ...minimal, response_format: { type: 'json_schema', json_schema: { schema: {} } } },
      'response_format.json_schema.name',
    ],
    ['metadata value', { ...minimal, metadata: { a: 1 } }, 'metadata.a'],
    ['user not a string', { ...minimal, user: 42 }, 'user'],
    ['reasoning effort', { ...minimal, reasoning_effort: 'extreme' }, 'reasoning_effort'],
  ];
  for (const [name, body, param] of cases) {
    it(`${name} → 400 with param ${param}`, () => {
      const error = decodeError(body);
      expect(error.kind).toBe('invalid_request');
      expect(error.status).toBe(400);
      expect(error.details.param).toBe(param);
      expect(error.message).toContain(param === 'body' ? 'body' : `'${param}'`);
    });
  }
});
