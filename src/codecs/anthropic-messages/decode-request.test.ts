import { describe, expect, it } from 'vitest';
import type { CanonRequest } from '../../canon/index.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { readJsonFixture } from './test-helpers.js';

const minimal = { model: 'claude-x', max_tokens: 100, messages: [{ role: 'user', content: 'hi' }] };

describe('decodeAnthropicRequest: the full fixture', () => {
  const request = decodeAnthropicRequest(readJsonFixture('full-request.json'));

  it('puts the system blocks first, keeping cache_control as a cache hint', () => {
    expect(request.messages[0]).toEqual({
      role: 'system',
      content: [
        { type: 'text', text: 'You are a weather bot.' },
        { type: 'text', text: 'Long cached policy.', cache: { ttl: '1h' } },
      ],
    });
  });

  it('decodes every user block, keeping the keys the hub does not model by part index', () => {
    expect(request.messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'What is in this picture, and what is the weather in Paris?', cache: {} },
        { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } },
        { type: 'image', source: { kind: 'file-id', fileId: 'file_011' } },
        {
          type: 'file',
          source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0=' },
          mediaType: 'application/pdf',
          filename: 'notes.pdf',
        },
        {
          type: 'file',
          source: {
            kind: 'base64',
            mediaType: 'text/plain',
            data: Buffer.from('plain words').toString('base64'),
          },
          mediaType: 'text/plain',
        },
        {
          type: 'file',
          source: { kind: 'url', url: 'https://example.com/paper.pdf' },
          mediaType: 'application/pdf',
        },
      ],
      vendor: {
        'anthropic-messages': {
          content_extras: {
            '2': { cache_control: { type: 'ephemeral' } },
            '4': { context: 'meeting notes' },
          },
        },
      },
    });
  });

  it('decodes thinking, redacted thinking, text and tool_use (input stringified once)', () => {
    expect(request.messages[2]).toEqual({
      role: 'assistant',
      content: [
        { type: 'reasoning', text: 'The user wants the weather.', signature: 'EqQBCkgIARABGAIiQL' },
        { type: 'reasoning', text: '', redactedData: 'EmwKAhgBEgyMhR6Yf' },
        { type: 'text', text: 'Let me check.' },
        {
          type: 'tool-call',
          callId: 'toolu_01A',
          toolName: 'get_weather',
          argumentsJson: '{"city":"Paris","unit":"c"}',
        },
        { type: 'tool-call', callId: 'toolu_01B', toolName: 'get_time', argumentsJson: '{}' },
      ],
    });
  });

  it('turns tool_result blocks into a tool message before the rest of the user turn, names recovered', () => {
    expect(request.messages[3]).toEqual({
      role: 'tool',
      content: [
        {
          type: 'tool-result',
          callId: 'toolu_01A',
          toolName: 'get_weather',
          content: [{ type: 'text', text: '18C' }],
        },
        {
          type: 'tool-result',
          callId: 'toolu_01B',
          toolName: 'get_time',
          isError: false,
          content: [
            { type: 'text', text: 'noon' },
            { type: 'image', source: { kind: 'url', url: 'https://example.com/clock.png' } },
          ],
        },
      ],
      vendor: {
        'anthropic-messages': {
          content_extras: {
            '1': {
              cache_control: { type: 'ephemeral' },
              content: { '1': { cache_control: { type: 'ephemeral' } } },
            },
          },
        },
      },
    });
    expect(request.messages[4]).toEqual({
      role: 'user',
      content: [{ type: 'text', text: 'Thanks. Summarise, please.' }],
    });
    expect(request.messages.slice(5)).toEqual([
      { role: 'assistant', content: [{ type: 'text', text: 'It is 18C at noon.' }] },
      { role: 'user', content: [{ type: 'text', text: 'Shorter, please.' }] },
    ]);
  });

  it('maps the top-level fields and keeps the rest verbatim in vendor', () => {
    const { messages: _messages, ...rest } = request;
    expect(rest).toEqual({
      model: 'claude-sonnet-4-5',
      sampling: { maxOutputTokens: 2048, temperature: 0.7, topP: 0.9, topK: 40, stopSequences: ['END'] },
      tools: [
        {
          name: 'get_weather',
          description: 'Weather by city',
          inputSchema: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string' } },
            required: ['city'],
          },
        },
        { name: 'get_time', inputSchema: { type: 'object', properties: {} }, strict: true },
      ],
      toolChoice: 'auto',
      parallelToolCalls: false,
      endUser: 'user-42',
      reasoning: { budgetTokens: 1024 },
      output: {
        type: 'json',
        schema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'] },
      },
      stream: true,
      streamUsage: true,
      vendor: {
        'anthropic-messages': {
          service_tier: 'auto',
          container: 'container_011',
          server_tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 3 }],
          tool_extras: [null, { cache_control: { type: 'ephemeral' } }],
          output_config: { effort: 'high' },
        },
      },
    } satisfies Omit<CanonRequest, 'messages'>);
  });
});

describe('decodeAnthropicRequest: one field at a time', () => {
  const cases: Array<[string, Record<string, unknown>, Partial<CanonRequest>]> = [
    [
      'system as a string',
      { system: 'Be brief.' },
      {
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        ],
      },
    ],
    ['max_tokens 0 (cache pre-warm)', { max_tokens: 0 }, { sampling: { maxOutputTokens: 0 } }],
    ['temperature', { temperature: 0 }, { sampling: { maxOutputTokens: 100, temperature: 0 } }],
    ['top_p and top_k', { top_p: 0.5, top_k: 3 }, { sampling: { maxOutputTokens: 100, topP: 0.5, topK: 3 } }],
    [
      'stop_sequences',
      { stop_sequences: ['a', 'b'] },
      { sampling: { maxOutputTokens: 100, stopSequences: ['a', 'b'] } },
    ],
    ['stream', { stream: true }, { stream: true, streamUsage: true }],
    ['metadata.user_id', { metadata: { user_id: 'u1' } }, { endUser: 'u1' }],
    [
      'tool_choice any',
      { tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'any' } },
      { toolChoice: 'required' },
    ],
    [
      'tool_choice tool',
      { tools: [{ name: 'f', input_schema: { type: 'object' } }], tool_choice: { type: 'tool', name: 'f' } },
      { toolChoice: { toolName: 'f' } },
    ],
    ['tool_choice none', { tool_choice: { type: 'none' } }, { toolChoice: 'none' }],
    [
      'disable_parallel_tool_use false',
      { tool_choice: { type: 'auto', disable_parallel_tool_use: false } },
      { toolChoice: 'auto', parallelToolCalls: true },
    ],
    [
      'thinking enabled',
      { thinking: { type: 'enabled', budget_tokens: 2048 } },
      { reasoning: { budgetTokens: 2048 } },
    ],
    ['thinking disabled', { thinking: { type: 'disabled' } }, { reasoning: { effort: 'none' } }],
    [
      'thinking adaptive (kept whole)',
      { thinking: { type: 'adaptive' } },
      { vendor: { 'anthropic-messages': { thinking: { type: 'adaptive' } } } },
    ],
    [
      'thinking with display (kept whole beside the budget)',
      { thinking: { type: 'enabled', budget_tokens: 1024, display: 'omitted' } },
      {
        reasoning: { budgetTokens: 1024 },
        vendor: {
          'anthropic-messages': { thinking: { type: 'enabled', budget_tokens: 1024, display: 'omitted' } },
        },
      },
    ],
    [
      'unknown metadata keys',
      { metadata: { user_id: 'u', team: 't' } },
      { endUser: 'u', vendor: { 'anthropic-messages': { metadata: { team: 't' } } } },
    ],
    [
      'unknown top-level fields',
      { cache_control: { type: 'ephemeral' }, speed: 'fast' },
      {
        vendor: { 'anthropic-messages': { cache_control: { type: 'ephemeral' }, speed: 'fast' } },
      },
    ],
    [
      'a system-role turn (newer API versions)',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'system', content: 'b' },
        ],
      },
      {
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'a' }] },
          { role: 'system', content: [{ type: 'text', text: 'b' }] },
        ],
      },
    ],
    [
      'text between tool results keeps its place',
      {
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'tool_use', id: 'a', name: 'f', input: {} },
              { type: 'tool_use', id: 'b', name: 'g', input: {} },
            ],
          },
          {
            role: 'user',
            content: [
              { type: 'tool_result', tool_use_id: 'a', content: 'x', is_error: true },
              { type: 'text', text: 'mid' },
              { type: 'tool_result', tool_use_id: 'b' },
            ],
          },
        ],
      },
      {
        messages: [
          {
            role: 'assistant',
            content: [
              { type: 'tool-call', callId: 'a', toolName: 'f', argumentsJson: '{}' },
              { type: 'tool-call', callId: 'b', toolName: 'g', argumentsJson: '{}' },
            ],
          },
          {
            role: 'tool',
            content: [
              {
                type: 'tool-result',
                callId: 'a',
                toolName: 'f',
                isError: true,
                content: [{ type: 'text', text: 'x' }],
              },
            ],
          },
          { role: 'user', content: [{ type: 'text', text: 'mid' }] },
          { role: 'tool', content: [{ type: 'tool-result', callId: 'b', toolName: 'g', content: [] }] },
        ],
      },
    ],
  ];

  it.each(cases)('%s', (_name, patch, expected) => {
    expect(decodeAnthropicRequest({ ...minimal, ...patch })).toMatchObject(expected);
  });

  it('a minimal request has no optional fields and an empty vendor', () => {
    expect(decodeAnthropicRequest(minimal)).toEqual({
      model: 'claude-x',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      sampling: { maxOutputTokens: 100 },
      stream: false,
      streamUsage: false,
      vendor: {},
    });
  });
});
