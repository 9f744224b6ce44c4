/**
 * The Vercel `ai` SDK's cases, shared by its two provider packages (`@ai-sdk/openai` and
 * `@ai-sdk/anthropic`): the calls are the SDK's own (`generateText`, `streamText`, tools with
 * `execute`, `Output.object`), only the model object differs.
 */
import { APICallError, generateText, type LanguageModel, Output, stepCountIs, streamText, tool } from 'ai';
import { expect } from 'vitest';
import { z } from 'zod';
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
import type { CaseBody, ScenarioId } from './matrix.js';

/** Builds the SDK model object for a gateway alias. */
export type ModelFactory = (harness: TestGateway, model: string) => LanguageModel;

const weather = tool({
  description: WEATHER_TOOL.description,
  inputSchema: z.object({ city: z.string() }),
  execute: async () => TOOL_RESULT,
});

async function callError(promise: Promise<unknown>): Promise<APICallError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(APICallError.isInstance(error), String(error)).toBe(true);
  return error as APICallError;
}

export function aiSdkCases(modelFor: ModelFactory): Record<ScenarioId, CaseBody> {
  return {
    async plain({ harness, model, marker, upstream, protocol }) {
      const result = await generateText({
        model: modelFor(harness, model),
        system: SYSTEM_PROMPT,
        prompt: marker,
        maxRetries: 0,
      });
      expectUpstreamSystem(upstream(), protocol);
      expect(result.text).toMatch(ANSWER_PREFIX);
      expect(result.finishReason).toBe('stop');
      expect(result.usage.outputTokens).toBeGreaterThan(0);
    },

    async streamed({ harness, model, marker }) {
      const result = streamText({ model: modelFor(harness, model), prompt: marker, maxRetries: 0 });
      const deltas: string[] = [];
      for await (const delta of result.textStream) deltas.push(delta);
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join('')).toMatch(ANSWER_PREFIX);
      expect(await result.finishReason).toBe('stop');
      // The simulator is deterministic: the plain answer to the same prompt is the same text and usage.
      const plain = await generateText({ model: modelFor(harness, model), prompt: marker, maxRetries: 0 });
      expect(deltas.join('')).toBe(plain.text);
      expect(await result.usage).toMatchObject({
        inputTokens: plain.usage.inputTokens,
        outputTokens: plain.usage.outputTokens,
      });
    },

    async tools({ harness, model, marker }) {
      const result = await generateText({
        model: modelFor(harness, model),
        prompt: `${marker}: weather in Quito?`,
        tools: { get_weather: weather },
        stopWhen: stepCountIs(2),
        maxRetries: 0,
      });
      expect(result.steps).toHaveLength(2);
      const call = result.steps[0]?.toolCalls[0];
      expect(result.steps[0]?.finishReason).toBe('tool-calls');
      expect(call?.toolName).toBe('get_weather');
      expectWeatherArguments(call?.input);
      expect(result.text).toMatch(ANSWER_PREFIX);
      expect(result.text).toContain(TOOL_RESULT);
      // The same loop streamed, as chat UIs run it: same call, same final answer.
      const streamed = streamText({
        model: modelFor(harness, model),
        prompt: `${marker}: weather in Quito?`,
        tools: { get_weather: weather },
        stopWhen: stepCountIs(2),
        maxRetries: 0,
      });
      const steps = await streamed.steps;
      expect(steps[0]?.toolCalls[0]).toMatchObject({ toolName: 'get_weather', input: call?.input });
      expect(await streamed.text).toBe(result.text);
    },

    async image({ harness, model, marker, upstream, protocol }) {
      const images = [
        ['base64', PNG_DATA_URL, BASE64_IMAGE],
        ['url', new URL(IMAGE_URL), URL_IMAGE],
      ] as const;
      for (const [kind, image, expected] of images) {
        const text = `${marker} ${kind}: what is in this picture?`;
        const result = await generateText({
          model: modelFor(harness, model),
          maxRetries: 0,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text },
                { type: 'image', image, mediaType: 'image/png' },
              ],
            },
          ],
        });
        expect(result.text).toMatch(ANSWER_PREFIX);
        expectUpstreamImage(upstream(text), protocol, expected);
      }
    },

    async 'json-schema'({ harness, model, marker }) {
      const result = await generateText({
        model: modelFor(harness, model),
        prompt: `${marker}: report the weather in Quito`,
        output: Output.object({ schema: REPORT_SCHEMA }),
        maxRetries: 0,
      });
      expectReport(result.output);
    },

    async error({ harness, rateLimitedModel, rateLimitedStreamModel, cutModel, marker }) {
      const limited = await callError(
        generateText({ model: modelFor(harness, rateLimitedModel), prompt: marker, maxRetries: 0 }),
      );
      expect(limited.statusCode).toBe(429);
      expect(limited.message).toMatch(RATE_LIMIT_MESSAGE);
      expect(limited.responseHeaders?.['retry-after']).toBe('30');
      // A stream refused before it starts is an HTTP error too, not an empty stream.
      const refused = streamText({
        model: modelFor(harness, rateLimitedStreamModel),
        prompt: marker,
        maxRetries: 0,
        onError: () => {},
      });
      const refusals: unknown[] = [];
      for await (const part of refused.fullStream) if (part.type === 'error') refusals.push(part.error);
      expect(refusals).toHaveLength(1);
      expect(APICallError.isInstance(refusals[0])).toBe(true);
      expect((refusals[0] as APICallError).statusCode).toBe(429);
      const result = streamText({
        model: modelFor(harness, cutModel),
        prompt: marker,
        maxRetries: 0,
        onError: () => {},
      });
      let received = '';
      const errors: unknown[] = [];
      const finishes: string[] = [];
      for await (const part of result.fullStream) {
        if (part.type === 'text-delta') received += part.text;
        if (part.type === 'error') errors.push(part.error);
        if (part.type === 'finish') finishes.push(part.finishReason);
      }
      // Never a clean end: whatever the stream reports last, it is not a normal stop.
      expect(finishes).not.toContain('stop');
      expect(received).toMatch(CUT_PREFIX);
      expect(errors).toHaveLength(1);
      expect(JSON.stringify(errors[0]) + String(errors[0])).toMatch(CUT_MESSAGE);
    },
  };
}
