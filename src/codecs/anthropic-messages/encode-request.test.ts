import { describe, expect, it } from 'vitest';
import type { CanonMessage, CanonRequest } from '../../canon/index.js';
import { decodeAnthropicRequest } from './decode-request.js';
import { encodeAnthropicRequest, jsonModeInstruction } from './encode-request.js';
import { sanitizeToolCallId } from './sanitize-tool-call-id.js';
import { readJsonFixture } from './test-helpers.js';

const options = { defaultMaxTokens: 4096 };

function canonical(messages: CanonMessage[], extra: Partial<CanonRequest> = {}): CanonRequest {
  return { model: 'alias', messages, sampling: {}, stream: false, streamUsage: false, vendor: {}, ...extra };
}

const user = (text: string): CanonMessage => ({ role: 'user', content: [{ type: 'text', text }] });
const call = (callId: string, toolName = 'f', argumentsJson = '{}') =>
  ({ type: 'tool-call', callId, toolName, argumentsJson }) as const;
const result = (callId: string, text: string): CanonMessage => ({
  role: 'tool',
  content: [{ type: 'tool-result', callId, content: [{ type: 'text', text }] }],
});

describe('encodeAnthropicRequest: a same-shape hop is lossless', () => {
  it('re-encodes the full fixture to the caller’s body, but for the model', () => {
    const fixture = readJsonFixture('full-request.json');
    const { body, warnings } = encodeAnthropicRequest(
      decodeAnthropicRequest(fixture),
      'claude-upstream',
      options,
    );
    expect(warnings).toEqual([]);
    expect(body).toEqual({ ...fixture, model: 'claude-upstream' });
  });
});

describe('encodeAnthropicRequest: pitfalls of requests from other shapes', () => {
  it('hoists system and developer messages into system, warning about mid-conversation ones', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical([
        { role: 'system', developer: true, content: [{ type: 'text', text: 'Be terse.' }] },
        { role: 'system', content: [{ type: 'text', text: 'Policy.' }] },
        user('hi'),
        { role: 'system', content: [{ type: 'text', text: 'Late rule.' }] },
      ]),
      'm',
      options,
    );
    expect(body.system).toEqual([
      { type: 'text', text: 'Be terse.' },
      { type: 'text', text: 'Policy.' },
      { type: 'text', text: 'Late rule.' },
    ]);
    expect(body.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(warnings).toEqual([expect.objectContaining({ code: 'parameter-changed', field: 'messages[3]' })]);
  });

  it('puts every tool result first in the single next user turn, merging same-role turns', () => {
    const { body } = encodeAnthropicRequest(
      canonical([
        user('weather and time?'),
        { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }] },
        { role: 'assistant', content: [call('call_1', 'get_weather'), call('call_2', 'get_time')] },
        result('call_1', '18C'),
        result('call_2', 'noon'),
        user('and?'),
        user('quickly'),
      ]),
      'm',
      options,
    );
    expect(body.messages).toEqual([
      { role: 'user', content: 'weather and time?' },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'Checking.' },
          { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} },
          { type: 'tool_use', id: 'call_2', name: 'get_time', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'call_1', content: '18C' },
          { type: 'tool_result', tool_use_id: 'call_2', content: 'noon' },
          { type: 'text', text: 'and?' },
          { type: 'text', text: 'quickly' },
        ],
      },
    ]);
  });

  it('places results first even when the user text came before them', () => {
    const { body } = encodeAnthropicRequest(
      canonical([user('go'), { role: 'assistant', content: [call('a')] }, user('note'), result('a', 'done')]),
      'm',
      options,
    );
    expect((body.messages as unknown[])[2]).toEqual({
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'a', content: 'done' },
        { type: 'text', text: 'note' },
      ],
    });
  });

  it('sanitises tool-call ids with the same function for tool_use and tool_result', () => {
    const ids = ['call|fc_1', 'functions.get_weather:0', 'call/1', 'call:1'];
    const { body } = encodeAnthropicRequest(
      canonical([
        user('go'),
        { role: 'assistant', content: ids.map((id) => call(id)) },
        { role: 'tool', content: ids.map((id) => ({ type: 'tool-result', callId: id, content: [] })) },
      ]),
      'm',
      options,
    );
    const messages = body.messages as Array<{ content: Array<Record<string, unknown>> }>;
    const useIds = messages[1]?.content.map((block) => block.id);
    const resultIds = messages[2]?.content.map((block) => block.tool_use_id);
    expect(useIds).toEqual(resultIds);
    for (const id of useIds ?? []) expect(id).toMatch(/^[a-zA-Z0-9_-]+$/);
    expect(new Set(useIds).size).toBe(ids.length);
    expect(useIds?.[0]).toBe(sanitizeToolCallId('call|fc_1'));
  });

  it('defaults max_tokens from the option, and keeps it above the thinking budget', () => {
    expect(
      encodeAnthropicRequest(canonical([user('x')]), 'm', { defaultMaxTokens: 8192 }).body.max_tokens,
    ).toBe(8192);
    const thinking = encodeAnthropicRequest(
      canonical([user('x')], { reasoning: { budgetTokens: 10000 } }),
      'm',
      options,
    );
    expect(thinking.body).toMatchObject({
      max_tokens: 14096,
      thinking: { type: 'enabled', budget_tokens: 10000 },
    });
    expect(thinking.warnings).toEqual([]);
    const explicit = encodeAnthropicRequest(
      canonical([user('x')], { reasoning: { effort: 'medium' }, sampling: { maxOutputTokens: 1000 } }),
      'm',
      options,
    );
    expect(explicit.body).toMatchObject({
      max_tokens: 5096,
      thinking: { type: 'enabled', budget_tokens: 4096 },
    });
    expect(explicit.warnings).toEqual([
      expect.objectContaining({ code: 'parameter-changed', field: 'max_tokens' }),
    ]);
  });

  it('clamps temperature to 1 with a warning, and warns for every sampling field it drops', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical([user('x')], {
        sampling: {
          temperature: 1.5,
          topP: 0.9,
          seed: 7,
          presencePenalty: 0.1,
          frequencyPenalty: 0.2,
          stopSequences: ['END'],
        },
        choiceCount: 2,
        logprobs: { enabled: true, top: 3 },
        metadata: { team: 'a' },
      }),
      'm',
      options,
    );
    expect(body).toMatchObject({ temperature: 1, top_p: 0.9, stop_sequences: ['END'] });
    expect(body).not.toHaveProperty('seed');
    expect(warnings.map((warning) => [warning.code, warning.field])).toEqual([
      ['parameter-changed', 'temperature'],
      ['unsupported-parameter', 'seed'],
      ['unsupported-parameter', 'presence_penalty'],
      ['unsupported-parameter', 'frequency_penalty'],
      ['unsupported-parameter', 'n'],
      ['unsupported-parameter', 'logprobs'],
      ['unsupported-parameter', 'metadata'],
    ]);
  });

  it('sends a schema as output_config.format and plain JSON mode as a system instruction', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const structured = encodeAnthropicRequest(
      canonical([user('x')], { output: { type: 'json', schema, schemaName: 'answer', strict: true } }),
      'm',
      options,
    );
    expect(structured.body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(structured.warnings).toEqual([]);
    const plain = encodeAnthropicRequest(
      canonical([{ role: 'system', content: [{ type: 'text', text: 'Be terse.' }] }, user('x')], {
        output: { type: 'json' },
      }),
      'm',
      options,
    );
    expect(plain.body.system).toEqual([
      { type: 'text', text: 'Be terse.' },
      { type: 'text', text: jsonModeInstruction },
    ]);
    expect(plain.body).not.toHaveProperty('output_config');
    expect(plain.warnings).toEqual([expect.objectContaining({ field: 'response_format' })]);
  });

  it('encodes images by URL and base64, PDFs and text files as documents, and drops audio with a warning', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical([
        {
          role: 'user',
          content: [
            { type: 'image', source: { kind: 'url', url: 'https://x/a.png' }, detail: 'high' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/jpeg', data: '/9j/' } },
            {
              type: 'file',
              source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBE' },
              filename: 'a.pdf',
            },
            {
              type: 'file',
              source: {
                kind: 'base64',
                mediaType: 'text/plain',
                data: Buffer.from('hello').toString('base64'),
              },
            },
            { type: 'file', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBO' } },
            { type: 'file', source: { kind: 'base64', mediaType: 'audio/wav', data: 'UklG' } },
          ],
        },
      ]),
      'm',
      options,
    );
    expect((body.messages as Array<{ content: unknown }>)[0]?.content).toEqual([
      { type: 'image', source: { type: 'url', url: 'https://x/a.png' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/' } },
      {
        type: 'document',
        source: { type: 'base64', media_type: 'application/pdf', data: 'JVBE' },
        title: 'a.pdf',
      },
      { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'hello' } },
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBO' } },
    ]);
    expect(warnings.map((warning) => warning.field)).toEqual([
      'messages[0].content[0].detail',
      'messages[0].content[5]',
    ]);
  });

  it('maps tool choice and parallel calls, and gives every tool an object schema', () => {
    const tools = [{ name: 'f' }, { name: 'g', description: 'G', inputSchema: { properties: {} } }];
    const cases: Array<[Partial<CanonRequest>, unknown]> = [
      [{ toolChoice: 'auto' }, { type: 'auto' }],
      [{ toolChoice: 'required' }, { type: 'any' }],
      [{ toolChoice: 'none' }, { type: 'none' }],
      [{ toolChoice: { toolName: 'g' } }, { type: 'tool', name: 'g' }],
      [{ parallelToolCalls: false }, { type: 'auto', disable_parallel_tool_use: true }],
      [
        { toolChoice: 'required', parallelToolCalls: false },
        { type: 'any', disable_parallel_tool_use: true },
      ],
    ];
    for (const [extra, expected] of cases) {
      const { body } = encodeAnthropicRequest(canonical([user('x')], { tools, ...extra }), 'm', options);
      expect(body.tool_choice).toEqual(expected);
    }
    const { body } = encodeAnthropicRequest(canonical([user('x')], { tools }), 'm', options);
    expect(body.tools).toEqual([
      { name: 'f', input_schema: { type: 'object', properties: {} } },
      { name: 'g', description: 'G', input_schema: { type: 'object', properties: {} } },
    ]);
    expect(body).not.toHaveProperty('tool_choice');
    const none = encodeAnthropicRequest(
      canonical([user('x')], { toolChoice: 'none', parallelToolCalls: false }),
      'm',
      options,
    );
    expect(none.warnings).toEqual([expect.objectContaining({ field: 'parallel_tool_calls' })]);
  });
});

describe('encodeAnthropicRequest: thinking', () => {
  const loop = (assistant: CanonMessage['content']): CanonMessage[] => [
    user('weather?'),
    { role: 'assistant', content: assistant } as CanonMessage,
    result('call_1', '18C'),
  ];

  it('round-trips signed and redacted thinking in a tool loop', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical(
        loop([
          { type: 'reasoning', text: 'hmm', signature: 'sig' },
          { type: 'reasoning', text: '', redactedData: 'opaque' },
          call('call_1'),
        ]),
        { reasoning: { budgetTokens: 2048 } },
      ),
      'm',
      options,
    );
    expect((body.messages as Array<{ content: unknown[] }>)[1]?.content.slice(0, 2)).toEqual([
      { type: 'thinking', thinking: 'hmm', signature: 'sig' },
      { type: 'redacted_thinking', data: 'opaque' },
    ]);
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(warnings).toEqual([]);
  });

  it('disables thinking with a warning when the tool loop has no signed thinking (unsigned reasoning dropped)', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical(loop([{ type: 'reasoning', text: 'from deepseek' }, call('call_1')]), {
        reasoning: { effort: 'high' },
      }),
      'm',
      options,
    );
    expect(body).not.toHaveProperty('thinking');
    expect(body.max_tokens).toBe(4096);
    expect(warnings.map((warning) => [warning.code, warning.field])).toEqual([
      ['unsupported-parameter', 'messages[1].content[0]'],
      ['parameter-changed', 'thinking'],
    ]);
  });

  it('keeps thinking when the tool loop is over (a new user turn started)', () => {
    const messages = [
      ...loop([call('call_1')]),
      { role: 'assistant', content: [{ type: 'text', text: '18C.' }] },
      user('thanks'),
    ];
    const { body } = encodeAnthropicRequest(
      canonical(messages as CanonMessage[], { reasoning: { effort: 'low' } }),
      'm',
      options,
    );
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 1024 });
  });

  it('disables thinking with a forced tool choice, and sends nothing for effort none', () => {
    const forced = encodeAnthropicRequest(
      canonical([user('x')], {
        tools: [{ name: 'f' }],
        toolChoice: 'required',
        reasoning: { effort: 'high' },
      }),
      'm',
      options,
    );
    expect(forced.body).not.toHaveProperty('thinking');
    expect(forced.warnings).toEqual([expect.objectContaining({ field: 'thinking' })]);
    expect(
      encodeAnthropicRequest(canonical([user('x')], { reasoning: { effort: 'none' } }), 'm', options).body,
    ).not.toHaveProperty('thinking');
  });
});

describe('encodeAnthropicRequest: vendor and ext fields', () => {
  it('merges ext.anthropic over computed values and warns for every foreign field', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical([{ ...user('x'), vendor: { 'openai-chat': { reasoning_content: 'r' } } }], {
        sampling: { maxOutputTokens: 50 },
        ext: {
          anthropic: { top_k: 5, max_tokens: 60, metadata: { user_id: 'ext-user' } },
          openai: { store: true },
        },
        vendor: { 'openai-chat': { service_tier: 'flex', logit_bias: {} } },
        endUser: 'u1',
      }),
      'm',
      options,
    );
    expect(body).toMatchObject({ top_k: 5, max_tokens: 60, metadata: { user_id: 'ext-user' } });
    expect(warnings.map((warning) => warning.field)).toEqual([
      'service_tier',
      'logit_bias',
      'messages[0].reasoning_content',
      'ext.openai.store',
    ]);
    expect(warnings.every((warning) => warning.code === 'unsupported-parameter')).toBe(true);
  });

  it('streams when asked, and opens a conversation that has no user turn with one', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical([{ role: 'assistant', content: [{ type: 'text', text: 'Hello' }] }], { stream: true }),
      'm',
      options,
    );
    expect(body.stream).toBe(true);
    expect(body.messages).toEqual([
      { role: 'user', content: 'Continue.' },
      { role: 'assistant', content: 'Hello' },
    ]);
    expect(warnings).toEqual([expect.objectContaining({ field: 'messages' })]);
  });

  it('sends tool call arguments that are not a JSON object as {} with a warning', () => {
    const { body, warnings } = encodeAnthropicRequest(
      canonical([user('x'), { role: 'assistant', content: [call('a', 'f', '{"cut'), call('b', 'g', '')] }]),
      'm',
      options,
    );
    expect((body.messages as Array<{ content: unknown[] }>)[1]?.content).toEqual([
      { type: 'tool_use', id: 'a', name: 'f', input: {} },
      { type: 'tool_use', id: 'b', name: 'g', input: {} },
    ]);
    expect(warnings).toEqual([
      expect.objectContaining({ code: 'parameter-changed', field: 'messages[1].content[0]' }),
    ]);
  });
});
