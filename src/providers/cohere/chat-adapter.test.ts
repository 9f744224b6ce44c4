import { afterEach, describe, expect, it } from 'vitest';
import {
  attempt,
  attemptError,
  chatRequest,
  type FixtureServer,
  resolveProvider,
  sse,
  startFixtureServer,
} from '../adapter-test-kit.js';
import { createProviderAdapters } from '../registry.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function cohereAdapter(baseUrl: string) {
  const provider = resolveProvider(`providers:\n  cohere:\n    baseUrl: ${baseUrl}/v2\n`, 'cohere', {
    COHERE_API_KEY: 'co-key-1',
  });
  const adapter = createProviderAdapters(new Map([['cohere', provider]])).get('cohere');
  if (!adapter) throw new Error('no adapter');
  return adapter;
}

const weatherTool = {
  name: 'get_weather',
  description: 'Weather by city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

describe('Cohere v2 chat egress', () => {
  it('encodes messages, tools, tool results and JSON schema output; decodes tool calls and billed usage', async () => {
    server = await startFixtureServer(() => ({
      body: JSON.stringify({
        id: 'c-1',
        finish_reason: 'TOOL_CALL',
        message: {
          role: 'assistant',
          tool_plan: 'I will look up the weather.',
          tool_calls: [
            {
              id: 'get_weather_x1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
            },
          ],
        },
        usage: {
          billed_units: { input_tokens: 20, output_tokens: 9 },
          tokens: { input_tokens: 120, output_tokens: 9 },
        },
      }),
    }));
    const request = chatRequest({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'Be brief.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image', source: { kind: 'base64', mediaType: 'image/png', data: 'iVBOR' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            {
              type: 'tool-call',
              callId: 'call_1',
              toolName: 'get_weather',
              argumentsJson: '{"city":"Paris"}',
            },
          ],
        },
        {
          role: 'tool',
          content: [{ type: 'tool-result', callId: 'call_1', content: [{ type: 'text', text: '21 C' }] }],
        },
      ],
      tools: [weatherTool],
      toolChoice: 'required',
      sampling: { maxOutputTokens: 100, temperature: 0.2, topP: 0.9, topK: 5, stopSequences: ['END'] },
      output: { type: 'json', schema: { type: 'object' } },
    });
    const outcome = await attempt(cohereAdapter(server.url), request, 'command-a-03-2025');
    const sent = server.requests[0];
    expect(sent?.url).toBe('/v2/chat');
    expect(sent?.headers.authorization).toBe('Bearer co-key-1');
    expect(JSON.parse(sent?.text ?? '{}')).toEqual({
      model: 'command-a-03-2025',
      stream: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather in Paris?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBOR' } },
          ],
        },
        {
          role: 'assistant',
          tool_calls: [
            {
              id: 'call_1',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: [{ type: 'text', text: '21 C' }] },
      ],
      max_tokens: 100,
      temperature: 0.2,
      p: 0.9,
      k: 5,
      stop_sequences: ['END'],
      tool_choice: 'REQUIRED',
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: weatherTool.inputSchema,
          },
        },
      ],
      response_format: { type: 'json_object', json_schema: { type: 'object' } },
    });
    const choice = outcome.response.choices[0];
    expect(choice?.finish).toEqual({ unified: 'tool-calls', raw: 'TOOL_CALL' });
    expect(choice?.message.content).toEqual([
      { type: 'text', text: 'I will look up the weather.' },
      {
        type: 'tool-call',
        callId: 'get_weather_x1',
        toolName: 'get_weather',
        argumentsJson: '{"city":"Oslo"}',
      },
    ]);
    expect(outcome.response.usage?.input.total).toBe(20);
    expect(outcome.response.usage?.output.total).toBe(9);
  });

  it('decodes a streamed answer: text, a tool call in pieces, finish reason and usage', async () => {
    const delta = (message: unknown) => ({ delta: { message } });
    const body = sse([
      [
        'message-start',
        {
          id: 'c-2',
          type: 'message-start',
          ...delta({ role: 'assistant', content: [], tool_plan: '', tool_calls: [] }),
        },
      ],
      [
        'content-start',
        { type: 'content-start', index: 0, ...delta({ content: { type: 'text', text: '' } }) },
      ],
      ['content-delta', { type: 'content-delta', index: 0, ...delta({ content: { text: 'Checking' } }) }],
      ['content-delta', { type: 'content-delta', index: 0, ...delta({ content: { text: ' now.' } }) }],
      ['content-end', { type: 'content-end', index: 0 }],
      [
        'tool-call-start',
        {
          type: 'tool-call-start',
          index: 0,
          ...delta({
            tool_calls: { id: 'tc_9', type: 'function', function: { name: 'get_weather', arguments: '' } },
          }),
        },
      ],
      [
        'tool-call-delta',
        {
          type: 'tool-call-delta',
          index: 0,
          ...delta({ tool_calls: { function: { arguments: '{"city":' } } }),
        },
      ],
      [
        'tool-call-delta',
        {
          type: 'tool-call-delta',
          index: 0,
          ...delta({ tool_calls: { function: { arguments: '"Rome"}' } } }),
        },
      ],
      ['tool-call-end', { type: 'tool-call-end', index: 0 }],
      [
        'message-end',
        {
          type: 'message-end',
          delta: {
            finish_reason: 'TOOL_CALL',
            usage: {
              billed_units: { input_tokens: 11, output_tokens: 6 },
              tokens: { input_tokens: 80, output_tokens: 6 },
            },
          },
        },
      ],
    ]);
    server = await startFixtureServer(() => ({ headers: { 'content-type': 'text/event-stream' }, body }));
    const outcome = await attempt(
      cohereAdapter(server.url),
      chatRequest({ stream: true, tools: [weatherTool] }),
      'command-r',
    );
    expect(JSON.parse(server.requests[0]?.text ?? '{}').stream).toBe(true);
    expect(outcome.kind).toBe('stream');
    expect(outcome.response.choices[0]?.message.content).toEqual([
      { type: 'text', text: 'Checking now.' },
      { type: 'tool-call', callId: 'tc_9', toolName: 'get_weather', argumentsJson: '{"city":"Rome"}' },
    ]);
    expect(outcome.response.choices[0]?.finish.unified).toBe('tool-calls');
    expect(outcome.response.usage?.input.total).toBe(11);
  });

  it('merges its own ext entry (by family or provider name) and reports any other', () => {
    const adapter = cohereAdapter('http://127.0.0.1:9');
    if (adapter.transport !== 'http') throw new Error('expected an HTTP adapter');
    const { spec, warnings } = adapter.buildRequest(
      chatRequest({ ext: { cohere: { safety_mode: 'OFF' }, anthropic: { top_k: 3 } } }),
      'command-r',
    );
    expect(JSON.parse(String(spec.body ?? '{}')).safety_mode).toBe('OFF');
    expect(warnings.map((warning) => warning.field)).toEqual(['ext.anthropic.top_k']);
  });

  it('ends a stream cut before message-end with an error', async () => {
    const body = sse([
      ['message-start', { id: 'c-3', type: 'message-start' }],
      [
        'content-start',
        { type: 'content-start', index: 0, delta: { message: { content: { type: 'text', text: '' } } } },
      ],
      [
        'content-delta',
        { type: 'content-delta', index: 0, delta: { message: { content: { text: 'Half' } } } },
      ],
    ]);
    server = await startFixtureServer(() => ({ headers: { 'content-type': 'text/event-stream' }, body }));
    // The stream committed ('Half' arrived), so the failure is its last event, which collecting throws.
    await expect(
      attempt(cohereAdapter(server.url), chatRequest({ stream: true }), 'command-r'),
    ).rejects.toThrow(/ended before message-end/);
  });

  it.each([
    [400, 'invalid request: message must not be empty', 'upstream_bad_request'],
    [429, 'You are using a Trial key, which is limited to 10 API calls / minute.', 'upstream_rate_limited'],
    [498, 'invalid api token', 'upstream_auth'],
    [500, 'internal server error', 'upstream_unavailable'],
  ])('maps HTTP %i to %s', async (status, message, kind) => {
    server = await startFixtureServer(() => ({ status, body: JSON.stringify({ id: 'e', message }) }));
    const error = await attemptError(cohereAdapter(server.url), chatRequest(), 'command-r');
    expect(error.kind).toBe(kind);
    expect(error.message).toContain(message.slice(0, 20));
  });
});
