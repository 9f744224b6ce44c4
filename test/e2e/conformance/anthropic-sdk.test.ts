/** Conformance row: the official `@anthropic-ai/sdk` on Messages. */
import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import { expect } from 'vitest';
import type { TestGateway } from '../../support/gateway.js';
import {
  ANSWER_PREFIX,
  BASE64_IMAGE,
  CUT_MESSAGE,
  CUT_PREFIX,
  expectReport,
  expectUpstreamImage,
  expectUpstreamSystem,
  expectWeatherArguments,
  IMAGE_URL,
  PNG_BASE64,
  RATE_LIMIT_MESSAGE,
  REPORT_JSON_SCHEMA,
  SYSTEM_PROMPT,
  TOOL_RESULT,
  UNBOUNDED_REPORT_SCHEMA,
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
  async plain({ harness, model, marker, upstream, protocol }) {
    const message = await anthropic(harness).messages.create({
      model,
      max_tokens: 256,
      system: SYSTEM_PROMPT,
      messages: [{ role: 'user', content: marker }],
    });
    expectUpstreamSystem(upstream(), protocol);
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
    // The simulator is deterministic: the plain answer to the same prompt is the same text and usage.
    const plain = await anthropic(harness).messages.create({
      model,
      max_tokens: 256,
      messages: [{ role: 'user', content: marker }],
    });
    expect(textOf(final)).toBe(textOf(plain));
    expect(final.usage).toMatchObject({
      input_tokens: plain.usage.input_tokens,
      output_tokens: plain.usage.output_tokens,
    });
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
    // The same first turn streamed: the tool_use assembled from input_json deltas equals the plain one.
    const streamed = await client.messages
      .stream({ model, max_tokens: 256, tools: [weather], messages: [question] })
      .finalMessage();
    const streamedCall = streamed.content.find((block) => block.type === 'tool_use');
    expect(streamed.stop_reason).toBe('tool_use');
    expect(streamedCall).toMatchObject({ name: call.name, input: call.input });
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
    // The SDK's own structured-output helper: zod in, a parsed object out.
    const parsed = await anthropic(harness).messages.parse({
      model,
      max_tokens: 512,
      messages: [{ role: 'user', content: `${marker}: report the weather in Bergen` }],
      output_config: { format: zodOutputFormat(UNBOUNDED_REPORT_SCHEMA) },
    });
    expect(UNBOUNDED_REPORT_SCHEMA.safeParse(parsed.parsed_output).success).toBe(true);
  },

  async error({ harness, rateLimitedModel, rateLimitedStreamModel, cutModel, marker }) {
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
    // A stream refused before it starts is an HTTP error too, not an empty stream.
    const limitedStream = await apiError(
      client.messages
        .stream({
          model: rateLimitedStreamModel,
          max_tokens: 256,
          messages: [{ role: 'user', content: marker }],
        })
        .finalMessage(),
    );
    expect(limitedStream).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limitedStream.message).toMatch(RATE_LIMIT_MESSAGE);
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
