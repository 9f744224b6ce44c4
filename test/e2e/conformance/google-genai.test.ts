/** Conformance row: the official `@google/genai` SDK on generateContent. */
import { ApiError, type Content, FinishReason, GoogleGenAI } from '@google/genai';
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

const tools = [
  {
    functionDeclarations: [
      {
        name: WEATHER_TOOL.name,
        description: WEATHER_TOOL.description,
        parametersJsonSchema: WEATHER_TOOL.parameters,
      },
    ],
  },
];

function gemini(harness: TestGateway): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: harness.key,
    httpOptions: { baseUrl: harness.url, timeout: 15_000, retryOptions: { attempts: 1 } },
  });
}

async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

conformanceSuite('google-genai', {
  async plain({ harness, model, marker }) {
    const response = await gemini(harness).models.generateContent({ model, contents: marker });
    expect(response.text).toMatch(ANSWER_PREFIX);
    expect(response.candidates?.[0]?.finishReason).toBe(FinishReason.STOP);
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
  },

  async streamed({ harness, model, marker }) {
    const stream = await gemini(harness).models.generateContentStream({ model, contents: marker });
    const deltas: string[] = [];
    let finish: FinishReason | undefined;
    for await (const chunk of stream) {
      if (chunk.text) deltas.push(chunk.text);
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toMatch(ANSWER_PREFIX);
    expect(finish).toBe(FinishReason.STOP);
  },

  async tools({ harness, model, marker }) {
    const client = gemini(harness);
    const question: Content = { role: 'user', parts: [{ text: `${marker}: weather in Accra?` }] };
    const first = await client.models.generateContent({ model, contents: [question], config: { tools } });
    const call = first.functionCalls?.[0];
    expect(call?.name).toBe('get_weather');
    expectWeatherArguments(call?.args);
    const modelTurn = first.candidates?.[0]?.content;
    if (modelTurn === undefined) throw new Error('expected a model turn');
    const second = await client.models.generateContent({
      model,
      config: { tools },
      contents: [
        question,
        modelTurn,
        {
          role: 'user',
          parts: [
            { functionResponse: { id: call?.id, name: 'get_weather', response: { result: TOOL_RESULT } } },
          ],
        },
      ],
    });
    expect(second.text).toMatch(ANSWER_PREFIX);
    expect(second.text).toContain(TOOL_RESULT);
  },

  async image({ harness, model, marker, upstream, protocol }) {
    const client = gemini(harness);
    const parts = [
      ['base64', { inlineData: { mimeType: 'image/png', data: PNG_BASE64 } }, BASE64_IMAGE],
      ['url', { fileData: { mimeType: 'image/png', fileUri: IMAGE_URL } }, URL_IMAGE],
    ] as const;
    for (const [kind, part, expected] of parts) {
      const text = `${marker} ${kind}: what is in this picture?`;
      const response = await client.models.generateContent({
        model,
        contents: [{ role: 'user', parts: [{ text }, part] }],
      });
      expect(response.text).toMatch(ANSWER_PREFIX);
      expectUpstreamImage(upstream(text), protocol, expected);
    }
  },

  async 'json-schema'({ harness, model, marker }) {
    const response = await gemini(harness).models.generateContent({
      model,
      contents: `${marker}: report the weather in Accra`,
      config: { responseMimeType: 'application/json', responseJsonSchema: REPORT_JSON_SCHEMA },
    });
    expectReport(response.text);
  },

  async error({ harness, rateLimitedModel, cutModel, marker }) {
    const client = gemini(harness);
    const limited = await apiError(
      client.models.generateContent({ model: rateLimitedModel, contents: marker }),
    );
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(RATE_LIMIT_MESSAGE);
    expect(limited.message).toContain('RESOURCE_EXHAUSTED');
    const stream = await client.models.generateContentStream({ model: cutModel, contents: marker });
    let received = '';
    const cut = await apiError(
      (async () => {
        for await (const chunk of stream) received += chunk.text ?? '';
      })(),
    );
    expect(received).toMatch(CUT_PREFIX);
    expect(cut.message).toMatch(CUT_MESSAGE);
  },
});
