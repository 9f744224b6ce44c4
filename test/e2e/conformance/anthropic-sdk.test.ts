/** Conformance row: the official `@anthropic-ai/sdk` on Messages. */
import Anthropic from '@anthropic-ai/sdk';
import { expect } from 'vitest';
import type { TestGateway } from '../../support/gateway.js';
import {
  ANSWER_PREFIX,
  BASE64_IMAGE,
  CUT_MESSAGE,
  CUT_PREFIX,
  expectReport,
  expectUpstreamImage,
  expectWeatherArguments,
  IMAGE_URL,
  PNG_BASE64,
  RATE_LIMIT_MESSAGE,
  REPORT_JSON_SCHEMA,
  TOOL_RESULT,
  URL_IMAGE,
  WEATHER_TOOL,
} from './fixtures.js';
import { conformanceSuite } from './matrix.js';

const weather = {
  name: WEATHER_TOOL.name,
  description: WEATHER_TOOL.description,
  input_schema: WEATHER_TOOL.parameters,
};

function anthropic(harness: TestGateway): Anthropic {
  return new Anthropic({ apiKey: harness.key, baseURL: harness.url, maxRetries: 0, timeout: 15_000 });
}

function textOf(message: Anthropic.Message): string {
  return message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
}

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Anthropic.APIError);
  return error as InstanceType<typeof Anthropic.APIError>;
}

conformanceSuite('anthropic-sdk', {
  async plain({ harness, model, marker }) {
    const message = await anthropic(harness).messages.create({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: marker }],
    });
    expect(textOf(message)).toMatch(ANSWER_PREFIX);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.usage.output_tokens).toBeGreaterThan(0);
  },

  async streamed({ harness, model, marker }) {
    const stream = anthropic(harness).messages.stream({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: marker }],
    });
    const deltas: string[] = [];
    stream.on('text', (text) => deltas.push(text));
    const final = await stream.finalMessage();
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toMatch(ANSWER_PREFIX);
    expect(textOf(final)).toBe(deltas.join(''));
    expect(final.stop_reason).toBe('end_turn');
    expect(final.usage.output_tokens).toBeGreaterThan(0);
  },

  async tools({ harness, model, marker }) {
    const client = anthropic(harness);
    const question = { role: 'user' as const, content: `${marker}: weather in Oslo?` };
    const first = await client.messages.create({
      model,
      max_tokens: 256,
      tools: [weather],
      messages: [question],
    });
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use');
    if (call?.type !== 'tool_use') throw new Error('expected a tool_use block');
    expect(call.name).toBe('get_weather');
    expectWeatherArguments(call.input);
    const second = await client.messages.create({
      model,
      max_tokens: 256,
      tools: [weather],
      messages: [
        question,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: TOOL_RESULT }] },
      ],
    });
    expect(second.stop_reason).toBe('end_turn');
    expect(textOf(second)).toMatch(ANSWER_PREFIX);
    expect(textOf(second)).toContain(TOOL_RESULT);
  },

  async image({ harness, model, marker, upstream, protocol }) {
    const client = anthropic(harness);
    const sources: Array<[string, Anthropic.ImageBlockParam['source'], typeof BASE64_IMAGE]> = [
      ['base64', { type: 'base64', media_type: 'image/png', data: PNG_BASE64 }, BASE64_IMAGE],
      ['url', { type: 'url', url: IMAGE_URL }, URL_IMAGE],
    ];
    for (const [kind, source, expected] of sources) {
      const text = `${marker} ${kind}: what is in this picture?`;
      const message = await client.messages.create({
        model,
        max_tokens: 256,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text },
              { type: 'image', source },
            ],
          },
        ],
      });
      expect(textOf(message)).toMatch(ANSWER_PREFIX);
      expectUpstreamImage(upstream(text), protocol, expected);
    }
  },

  async 'json-schema'({ harness, model, marker }) {
    const message = await anthropic(harness).messages.create({
      model,
      max_tokens: 512,
      messages: [{ role: 'user', content: `${marker}: report the weather in Oslo` }],
      output_config: { format: { type: 'json_schema', schema: REPORT_JSON_SCHEMA } },
    });
    expect(message.stop_reason).toBe('end_turn');
    expectReport(textOf(message));
  },

  async error({ harness, rateLimitedModel, cutModel, marker }) {
    const client = anthropic(harness);
    const limited = await apiError(
      client.messages.create({
        model: rateLimitedModel,
        max_tokens: 256,
        messages: [{ role: 'user', content: marker }],
      }),
    );
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(RATE_LIMIT_MESSAGE);
    expect(limited.error).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
    expect(limited.headers?.get('retry-after')).toBe('30');
    const stream = client.messages.stream({
      model: cutModel,
      max_tokens: 256,
      messages: [{ role: 'user', content: marker }],
    });
    let received = '';
    stream.on('text', (text) => {
      received += text;
    });
    const cut = await apiError(stream.finalMessage());
    expect(received).toMatch(CUT_PREFIX);
    expect(cut.message).toMatch(CUT_MESSAGE);
  },
});
