import Anthropic from '@anthropic-ai/sdk';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Provider-specific parameters (`ext`), warnings and strict mode through a running gateway, one
// simulated upstream per protocol. Each test uses its own upstream model name, so the simulator's
// records show exactly what that request sent.
const yaml = `
logging: { level: silent }
providers:
  sim: { type: simulator }
  anthro: { type: simulator-anthropic }
  gem: { type: simulator-gemini }
`;

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({ yaml });
});
afterAll(async () => {
  await harness?.stop();
});

function upstreamBody(model: string): Record<string, unknown> | undefined {
  const records = (harness.gateway.simulator as Simulator).recordsFor(model);
  return records.at(-1)?.body as Record<string, unknown> | undefined;
}

/** A chat request with an `ext` the SDK's types do not know (it sends unknown body keys as given). */
function chatWithExt(model: string, ext: Record<string, unknown>): ChatCompletionCreateParamsNonStreaming {
  return {
    model,
    messages: [{ role: 'user', content: 'hi' }],
    ext,
  } as ChatCompletionCreateParamsNonStreaming;
}

describe('ext: provider-specific parameters', () => {
  it('applies ext.anthropic on an Anthropic upstream, with no warning', async () => {
    const { response } = await harness
      .client()
      .chat.completions.create(chatWithExt('anthro/demo-ext-a', { anthropic: { top_k: 5 } }))
      .withResponse();
    expect(upstreamBody('demo-ext-a')?.top_k).toBe(5);
    expect(response.headers.get('x-switchyard-warnings')).toBeNull();
  });

  it('merges ext.gemini into the Gemini body', async () => {
    await harness.client().chat.completions.create({
      ...chatWithExt('gem/demo-ext-g', { gemini: { generationConfig: { topK: 7 } } }),
      temperature: 0.5,
    });
    const config = upstreamBody('demo-ext-g')?.generationConfig as Record<string, unknown>;
    expect(config).toMatchObject({ topK: 7, temperature: 0.5 });
  });

  it('applies an entry named after the provider on an OpenAI-compatible upstream', async () => {
    await harness.client().chat.completions.create(chatWithExt('sim/demo-ext-o', { sim: { top_k: 3 } }));
    expect(upstreamBody('demo-ext-o')?.top_k).toBe(3);
  });

  it('reports an entry the target cannot honour in the warning header, and does not send it', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create(chatWithExt('sim/demo-ext-w', { anthropic: { top_k: 5 } }))
      .withResponse();
    expect(data.choices[0]?.message.content).toMatch(/^Simulated reply/);
    expect(response.headers.get('x-switchyard-warnings')).toContain('ext.anthropic.top_k');
    expect(upstreamBody('demo-ext-w')).not.toHaveProperty('top_k');
    expect(JSON.stringify(upstreamBody('demo-ext-w'))).not.toContain('anthropic');
  });

  it('puts the warnings in the final stream summary too', async () => {
    const stream = await harness.client().chat.completions.create({
      ...chatWithExt('gem/demo-ext-s', { anthropic: { top_k: 5 } }),
      stream: true,
    });
    let summary: { warnings?: Array<{ field?: string }> } | undefined;
    for await (const chunk of stream) {
      const extra = (chunk as unknown as { switchyard?: typeof summary }).switchyard;
      if (extra) summary = extra;
    }
    expect(summary?.warnings?.map((warning) => warning.field)).toContain('ext.anthropic.top_k');
  });

  it('accepts ext in the Anthropic Messages shape', async () => {
    const anthropic = new Anthropic({ apiKey: harness.key, baseURL: harness.url, maxRetries: 0 });
    await anthropic.messages.create({
      model: 'gem/demo-ext-m',
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
      ext: { gemini: { generationConfig: { topK: 4 } } },
    } as Anthropic.MessageCreateParamsNonStreaming);
    expect(upstreamBody('demo-ext-m')?.generationConfig).toMatchObject({ topK: 4 });
  });

  it('accepts ext in the Gemini shape', async () => {
    const response = await fetch(`${harness.url}/v1beta/models/anthro%2Fdemo-ext-gi:generateContent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-goog-api-key': harness.key },
      body: JSON.stringify({
        contents: [{ role: 'user', parts: [{ text: 'hi' }] }],
        ext: { anthropic: { top_k: 2 } },
      }),
    });
    expect(response.status).toBe(200);
    expect(upstreamBody('demo-ext-gi')?.top_k).toBe(2);
  });

  it('rejects a malformed ext in the caller shape, naming it', async () => {
    await expect(
      harness.client().chat.completions.create(chatWithExt('sim/demo-fast', { anthropic: 5 })),
    ).rejects.toMatchObject({ status: 400, param: 'ext.anthropic' });
  });
});

describe('max_tokens on an Anthropic upstream', () => {
  it("defaults to the model's catalog maximum output when the caller set none, else 4096", async () => {
    const client = harness.client();
    await client.chat.completions.create({
      model: 'anthro/demo-smart+delay-1',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(upstreamBody('demo-smart+delay-1')?.max_tokens).toBe(32768);
    await client.chat.completions.create({
      model: 'anthro/demo-uncatalogued',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(upstreamBody('demo-uncatalogued')?.max_tokens).toBe(4096);
    await client.chat.completions.create({
      model: 'anthro/demo-uncatalogued',
      max_tokens: 7,
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(upstreamBody('demo-uncatalogued')?.max_tokens).toBe(7);
  });
});

describe('strict mode', () => {
  it('ext.switchyard.strict turns an unhonourable entry into a 400 naming it, before any upstream call', async () => {
    const error = await harness
      .client()
      .chat.completions.create(
        chatWithExt('sim/demo-ext-strict', { anthropic: { top_k: 5 }, switchyard: { strict: true } }),
      )
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 400, param: 'ext.anthropic.top_k', code: 'unsupported_parameter' });
    expect(upstreamBody('demo-ext-strict')).toBeUndefined();
  });

  it('the X-Switchyard-Strict header does the same, in the Anthropic error shape', async () => {
    const anthropic = new Anthropic({
      apiKey: harness.key,
      baseURL: harness.url,
      maxRetries: 0,
      defaultHeaders: { 'x-switchyard-strict': 'true' },
    });
    const error = await anthropic.messages
      .create({
        model: 'sim/demo-ext-strict-h',
        max_tokens: 50,
        top_k: 5,
        messages: [{ role: 'user', content: 'hi' }],
      } as Anthropic.MessageCreateParamsNonStreaming)
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(Anthropic.BadRequestError);
    expect((error as InstanceType<typeof Anthropic.BadRequestError>).error).toMatchObject({
      type: 'error',
      error: { type: 'invalid_request_error' },
    });
    expect(String((error as Error).message)).toContain('top_k');
    expect(upstreamBody('demo-ext-strict-h')).toBeUndefined();
  });

  it('lets a request the target fully honours through', async () => {
    const answer = await harness
      .client()
      .chat.completions.create(
        chatWithExt('anthro/demo-ext-strict-ok', { anthropic: { top_k: 5 }, switchyard: { strict: true } }),
      );
    expect(answer.choices[0]?.message.content).toMatch(/^Simulated reply/);
  });
});
