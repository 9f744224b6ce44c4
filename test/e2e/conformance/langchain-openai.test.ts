/** Conformance row: LangChain's `ChatOpenAI` (which drives the `openai` SDK underneath). */
import { type AIMessageChunk, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { ChatOpenAI } from '@langchain/openai';
import OpenAI from 'openai';
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
  PNG_DATA_URL,
  RATE_LIMIT_MESSAGE,
  REPORT_SCHEMA,
  SYSTEM_PROMPT,
  TOOL_RESULT,
  URL_IMAGE,
  WEATHER_TOOL,
} from './fixtures.js';
import { conformanceSuite } from './matrix.js';

function chat(harness: TestGateway, model: string): ChatOpenAI {
  return new ChatOpenAI({
    model,
    apiKey: harness.key,
    maxRetries: 0,
    timeout: 15_000,
    configuration: { baseURL: `${harness.url}/v1` },
  });
}

async function apiError(promise: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(OpenAI.APIError);
  return error as InstanceType<typeof OpenAI.APIError>;
}

conformanceSuite('langchain-openai', {
  async plain({ harness, model, marker, upstream, protocol }) {
    const message = await chat(harness, model).invoke([
      new SystemMessage(SYSTEM_PROMPT),
      new HumanMessage(marker),
    ]);
    expectUpstreamSystem(upstream(), protocol);
    expect(message.text).toMatch(ANSWER_PREFIX);
    expect(message.response_metadata.finish_reason).toBe('stop');
    expect(message.usage_metadata?.output_tokens).toBeGreaterThan(0);
  },

  async streamed({ harness, model, marker }) {
    const stream = await chat(harness, model).stream(marker);
    const deltas: string[] = [];
    let merged: AIMessageChunk | undefined;
    for await (const chunk of stream) {
      if (chunk.text) deltas.push(chunk.text);
      merged = merged === undefined ? chunk : merged.concat(chunk);
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toMatch(ANSWER_PREFIX);
    expect(merged?.response_metadata.finish_reason).toBe('stop');
    // The simulator is deterministic: the plain answer to the same prompt is the same text and usage.
    const plain = await chat(harness, model).invoke(marker);
    expect(deltas.join('')).toBe(plain.text);
    expect(merged?.usage_metadata).toMatchObject({
      input_tokens: plain.usage_metadata?.input_tokens,
      output_tokens: plain.usage_metadata?.output_tokens,
    });
  },

  async tools({ harness, model, marker }) {
    const withTools = chat(harness, model).bindTools([{ type: 'function', function: WEATHER_TOOL }]);
    const question = new HumanMessage(`${marker}: weather in Nairobi?`);
    const first = await withTools.invoke([question]);
    const call = first.tool_calls?.[0];
    expect(call?.name).toBe('get_weather');
    expectWeatherArguments(call?.args);
    const second = await withTools.invoke([
      question,
      first,
      new ToolMessage({ tool_call_id: String(call?.id), content: TOOL_RESULT }),
    ]);
    expect(second.text).toMatch(ANSWER_PREFIX);
    expect(second.text).toContain(TOOL_RESULT);
    // The same first turn streamed: the call assembled from chunks equals the plain one.
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await withTools.stream([question])) {
      merged = merged === undefined ? chunk : merged.concat(chunk);
    }
    expect(merged?.tool_calls).toHaveLength(1);
    expect(merged?.tool_calls?.[0]).toMatchObject({ name: call?.name, args: call?.args });
  },

  async image({ harness, model, marker, upstream, protocol }) {
    const images = [
      ['base64', PNG_DATA_URL, BASE64_IMAGE],
      ['url', IMAGE_URL, URL_IMAGE],
    ] as const;
    for (const [kind, url, expected] of images) {
      const text = `${marker} ${kind}: what is in this picture?`;
      const message = await chat(harness, model).invoke([
        new HumanMessage({
          content: [
            { type: 'text', text },
            { type: 'image_url', image_url: { url } },
          ],
        }),
      ]);
      expect(message.text).toMatch(ANSWER_PREFIX);
      expectUpstreamImage(upstream(text), protocol, expected);
    }
  },

  async 'json-schema'({ harness, model, marker }) {
    const structured = chat(harness, model).withStructuredOutput(REPORT_SCHEMA, {
      name: 'weather_report',
      method: 'jsonSchema',
      strict: true,
    });
    expectReport(await structured.invoke(`${marker}: report the weather in Nairobi`));
  },

  async error({ harness, rateLimitedModel, rateLimitedStreamModel, cutModel, marker }) {
    const limited = await apiError(chat(harness, rateLimitedModel).invoke(marker));
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(RATE_LIMIT_MESSAGE);
    expect(limited.type).toBe('rate_limit_error');
    // A stream refused before it starts is an HTTP error too, not an empty stream.
    const limitedStream = await apiError(
      (async () => {
        for await (const chunk of await chat(harness, rateLimitedStreamModel).stream(marker)) void chunk;
      })(),
    );
    expect(limitedStream.status).toBe(429);
    expect(limitedStream.message).toMatch(RATE_LIMIT_MESSAGE);
    const stream = await chat(harness, cutModel).stream(marker);
    let received = '';
    const cut = await apiError(
      (async () => {
        for await (const chunk of stream) received += chunk.text;
      })(),
    );
    expect(received).toMatch(CUT_PREFIX);
    expect(cut.message).toMatch(CUT_MESSAGE);
  },
});
