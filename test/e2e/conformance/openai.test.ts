/** Conformance row: the official `openai` SDK on Chat Completions. */
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { expect } from 'vitest';
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
  PNG_DATA_URL,
  RATE_LIMIT_MESSAGE,
  REPORT_JSON_SCHEMA,
  REPORT_SCHEMA,
  SYSTEM_PROMPT,
  TOOL_RESULT,
  URL_IMAGE,
  WEATHER_TOOL,
} from './fixtures.js';
import { conformanceSuite } from './matrix.js';

const weather = { type: 'function' as const, function: WEATHER_TOOL };

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

conformanceSuite('openai', {
  async plain({ harness, model, marker, upstream, protocol }) {
    const completion = await harness.client().chat.completions.create({
      model,
      messages: [
        { role: 'system', content: SYSTEM_PROMPT },
        { role: 'user', content: marker },
      ],
    });
    expectUpstreamSystem(upstream(), protocol);
    expect(completion.choices[0]?.message.content).toMatch(ANSWER_PREFIX);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  },

  async streamed({ harness, model, marker }) {
    const stream = await harness.client().chat.completions.create({
      model,
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: marker }],
    });
    const deltas: string[] = [];
    let finish: string | null | undefined;
    let usage: number | undefined;
    let promptTokens: number | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta.content;
      if (delta) deltas.push(delta);
      finish = chunk.choices[0]?.finish_reason ?? finish;
      usage = chunk.usage?.completion_tokens ?? usage;
      promptTokens = chunk.usage?.prompt_tokens ?? promptTokens;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toMatch(ANSWER_PREFIX);
    expect(finish).toBe('stop');
    // The simulator is deterministic: the plain answer to the same prompt is the same text and usage.
    const plain = await harness.client().chat.completions.create({
      model,
      messages: [{ role: 'user', content: marker }],
    });
    expect(deltas.join('')).toBe(plain.choices[0]?.message.content);
    expect(usage).toBe(plain.usage?.completion_tokens);
    expect(promptTokens).toBe(plain.usage?.prompt_tokens);
  },

  async tools({ harness, model, marker }) {
    const client = harness.client();
    const question = { role: 'user' as const, content: `${marker}: weather in Lima?` };
    const first = await client.chat.completions.create({ model, tools: [weather], messages: [question] });
    const message = first.choices[0]?.message;
    const call = message?.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    expectWeatherArguments(call.function.arguments);
    const second = await client.chat.completions.create({
      model,
      tools: [weather],
      messages: [
        question,
        { role: 'assistant', content: null, tool_calls: message?.tool_calls },
        { role: 'tool', tool_call_id: call.id, content: TOOL_RESULT },
      ],
    });
    expect(second.choices[0]?.message.content).toMatch(ANSWER_PREFIX);
    expect(second.choices[0]?.message.content).toContain(TOOL_RESULT);
    // The same first turn streamed: the call assembled from deltas equals the non-streamed one.
    const stream = client.chat.completions.stream({ model, tools: [weather], messages: [question] });
    const streamed = await stream.finalChatCompletion();
    const streamedCall = streamed.choices[0]?.message.tool_calls?.[0];
    expect(streamed.choices[0]?.finish_reason).toBe('tool_calls');
    if (streamedCall?.type !== 'function') throw new Error('expected a streamed function call');
    expect(streamedCall.function).toEqual(call.function);
    expect(streamedCall.id).toMatch(/\S/);
  },

  async image({ harness, model, marker, upstream, protocol }) {
    const client = harness.client();
    for (const [kind, url, expected] of [
      ['base64', PNG_DATA_URL, BASE64_IMAGE],
      ['url', IMAGE_URL, URL_IMAGE],
    ] as const) {
      const text = `${marker} ${kind}: what is in this picture?`;
      const completion = await client.chat.completions.create({
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text },
              { type: 'image_url', image_url: { url } },
            ],
          },
        ],
      });
      expect(completion.choices[0]?.message.content).toMatch(ANSWER_PREFIX);
      expectUpstreamImage(upstream(text), protocol, expected);
    }
  },

  async 'json-schema'({ harness, model, marker }) {
    const completion = await harness.client().chat.completions.create({
      model,
      messages: [{ role: 'user', content: `${marker}: report the weather in Lima` }],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'weather_report', strict: true, schema: REPORT_JSON_SCHEMA },
      },
    });
    expectReport(completion.choices[0]?.message.content);
    // The SDK's own structured-output helper: zod in, a parsed object out.
    const parsed = await harness.client().chat.completions.parse({
      model,
      messages: [{ role: 'user', content: `${marker}: report the weather in Cusco` }],
      response_format: zodResponseFormat(REPORT_SCHEMA, 'weather_report'),
    });
    expectReport(parsed.choices[0]?.message.parsed);
  },

  async error({ harness, rateLimitedModel, rateLimitedStreamModel, cutModel, marker }) {
    const client = harness.client();
    const limited = await apiError(
      client.chat.completions.create({
        model: rateLimitedModel,
        messages: [{ role: 'user', content: marker }],
      }),
    );
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(RATE_LIMIT_MESSAGE);
    expect(limited.type).toBe('rate_limit_error');
    expect(limited.headers?.get('retry-after')).toBe('30');
    // A stream refused before it starts is an HTTP error too, not an empty stream.
    const limitedStream = await apiError(
      client.chat.completions.create({
        model: rateLimitedStreamModel,
        stream: true,
        messages: [{ role: 'user', content: marker }],
      }),
    );
    expect(limitedStream.status).toBe(429);
    expect(limitedStream.message).toMatch(RATE_LIMIT_MESSAGE);
    const stream = await client.chat.completions.create({
      model: cutModel,
      stream: true,
      messages: [{ role: 'user', content: marker }],
    });
    let received = '';
    const cut = await apiError(
      (async () => {
        for await (const chunk of stream) received += chunk.choices[0]?.delta.content ?? '';
      })(),
    );
    expect(received).toMatch(CUT_PREFIX);
    expect(cut.message).toMatch(CUT_MESSAGE);
  },
});
