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

function azureAdapter(baseUrl: string, extra = '') {
  const provider = resolveProvider(
    `providers:\n  azure:\n    baseUrl: ${baseUrl}\n    apiKey: az-key-123\n${extra}`,
    'azure',
  );
  const adapter = createProviderAdapters(new Map([['azure', provider]])).get('azure');
  if (!adapter) throw new Error('no adapter');
  return adapter;
}

const completion = {
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4o-mini-2024-07-18',
  prompt_filter_results: [{ prompt_index: 0, content_filter_results: {} }],
  choices: [
    {
      index: 0,
      finish_reason: 'tool_calls',
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
      content_filter_results: {},
    },
  ],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
};

describe('Azure OpenAI egress', () => {
  it('posts to the deployment path with the api-version and the api-key header', async () => {
    server = await startFixtureServer(() => ({ body: JSON.stringify(completion) }));
    const adapter = azureAdapter(server.url);
    const outcome = await attempt(adapter, chatRequest(), 'my-gpt4o-mini');
    const request = server.requests[0];
    expect(request?.url).toBe('/openai/deployments/my-gpt4o-mini/chat/completions?api-version=2024-10-21');
    expect(request?.headers['api-key']).toBe('az-key-123');
    expect(request?.headers.authorization).toBeUndefined();
    expect(JSON.parse(request?.text ?? '{}')).toMatchObject({
      messages: [{ role: 'user', content: 'Hello' }],
    });
    expect(outcome.response.choices[0]?.message.content).toEqual([
      { type: 'tool-call', callId: 'call_1', toolName: 'get_weather', argumentsJson: '{"city":"Paris"}' },
    ]);
    expect(outcome.response.choices[0]?.finish.unified).toBe('tool-calls');
    expect(outcome.response.usage?.input.total).toBe(12);
  });

  it('takes the api-version from configuration', async () => {
    server = await startFixtureServer(() => ({ body: JSON.stringify(completion) }));
    await attempt(azureAdapter(server.url, '    apiVersion: 2025-04-01-preview\n'), chatRequest(), 'dep');
    expect(server.requests[0]?.url).toBe(
      '/openai/deployments/dep/chat/completions?api-version=2025-04-01-preview',
    );
  });

  it('decodes a stream whose first chunk has no choices (prompt filter results only)', async () => {
    const chunk = (delta: unknown, finish: string | null = null) => ({
      id: 'chatcmpl-2',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model: 'gpt-4o-mini',
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const body = sse([
      ['', { id: '', object: '', created: 0, model: '', choices: [], prompt_filter_results: [] }],
      ['', chunk({ role: 'assistant', content: 'Bon' })],
      ['', chunk({ content: 'jour' })],
      ['', chunk({}, 'stop')],
      ['', { ...chunk({}), choices: [], usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 } }],
      ['', '[DONE]'],
    ]);
    server = await startFixtureServer(() => ({ headers: { 'content-type': 'text/event-stream' }, body }));
    const outcome = await attempt(azureAdapter(server.url), chatRequest({ stream: true }), 'dep');
    expect(JSON.parse(server.requests[0]?.text ?? '{}')).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(outcome.response.choices[0]?.message.content).toEqual([{ type: 'text', text: 'Bonjour' }]);
    expect(outcome.response.usage?.output.total).toBe(2);
  });

  it('maps a filtered prompt (400 content_filter) and a missing deployment (404)', async () => {
    server = await startFixtureServer((request) =>
      request.url.includes('/missing/')
        ? {
            status: 404,
            body: JSON.stringify({
              error: {
                code: 'DeploymentNotFound',
                message: 'The API deployment for this resource does not exist.',
              },
            }),
          }
        : {
            status: 400,
            body: JSON.stringify({
              error: {
                code: 'content_filter',
                message: 'The response was filtered',
                param: 'prompt',
                status: 400,
              },
            }),
          },
    );
    const adapter = azureAdapter(server.url);
    expect((await attemptError(adapter, chatRequest(), 'dep')).kind).toBe('content_filtered');
    const missing = await attemptError(adapter, chatRequest(), 'missing');
    expect(missing.kind).toBe('upstream_unavailable');
    expect(missing.details.upstreamStatus).toBe(404);
  });
});
