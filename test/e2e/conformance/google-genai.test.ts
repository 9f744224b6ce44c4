/** Conformance row: the official `@google/genai` SDK on generateContent. */
import {
  ApiError,
  type Content,
  FinishReason,
  type GenerateContentResponseUsageMetadata,
  GoogleGenAI,
  Type,
} from '@google/genai';
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
  async plain({ harness, model, marker, upstream, protocol }) {
    const response = await gemini(harness).models.generateContent({
      model,
      contents: marker,
      config: { systemInstruction: SYSTEM_PROMPT },
    });
    expectUpstreamSystem(upstream(), protocol);
    expect(response.text).toMatch(ANSWER_PREFIX);
    expect(response.candidates?.[0]?.finishReason).toBe(FinishReason.STOP);
    expect(response.usageMetadata?.candidatesTokenCount).toBeGreaterThan(0);
  },

  async streamed({ harness, model, marker }) {
    const stream = await gemini(harness).models.generateContentStream({ model, contents: marker });
    const deltas: string[] = [];
    let finish: FinishReason | undefined;
    let usage: GenerateContentResponseUsageMetadata | undefined;
    for await (const chunk of stream) {
      if (chunk.text) deltas.push(chunk.text);
      finish = chunk.candidates?.[0]?.finishReason ?? finish;
      usage = chunk.usageMetadata ?? usage;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toMatch(ANSWER_PREFIX);
    expect(finish).toBe(FinishReason.STOP);
    // The simulator is deterministic: the plain answer to the same prompt is the same text and usage
    // (Gemini's stream usage is cumulative, so the last one must equal the plain answer's).
    const plain = await gemini(harness).models.generateContent({ model, contents: marker });
    expect(deltas.join('')).toBe(plain.text);
    expect(usage).toMatchObject({
      promptTokenCount: plain.usageMetadata?.promptTokenCount,
      candidatesTokenCount: plain.usageMetadata?.candidatesTokenCount,
      totalTokenCount: plain.usageMetadata?.totalTokenCount,
    });
  },

  async tools({ harness, model, marker }) {
    const client = gemini(harness);
    const question: Content = { role: 'user', parts: [{ text: `${marker}: weather in Accra?` }] };
    const first = await client.models.generateContent({ model, contents: [question], config: { tools } });
    const call = first.functionCalls?.[0];
    expect(first.candidates?.[0]?.finishReason).toBe(FinishReason.STOP);
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
          // No id: real Gemini gives none, so callers match responses to calls by name.
          parts: [{ functionResponse: { name: 'get_weather', response: { result: TOOL_RESULT } } }],
        },
      ],
    });
    expect(second.text).toMatch(ANSWER_PREFIX);
    expect(second.text).toContain(TOOL_RESULT);
    // The same first turn streamed: the function call arrives whole, as in the plain answer.
    const stream = await client.models.generateContentStream({
      model,
      contents: [question],
      config: { tools },
    });
    const streamedCalls = [];
    for await (const chunk of stream) streamedCalls.push(...(chunk.functionCalls ?? []));
    expect(streamedCalls).toHaveLength(1);
    expect(streamedCalls[0]).toMatchObject({ name: call?.name, args: call?.args });
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
    // The older, OpenAPI-style `responseSchema` (upper-case types) many Gemini callers still use.
    const openApiStyle = await gemini(harness).models.generateContent({
      model,
      contents: `${marker}: report the weather in Kumasi`,
      config: {
        responseMimeType: 'application/json',
        responseSchema: {
          type: Type.OBJECT,
          properties: {
            city: { type: Type.STRING },
            temperature: { type: Type.INTEGER, minimum: -50, maximum: 60 },
            conditions: { type: Type.STRING, enum: ['sunny', 'cloudy', 'rain'] },
            tags: { type: Type.ARRAY, items: { type: Type.STRING } },
          },
          required: ['city', 'temperature', 'conditions', 'tags'],
          propertyOrdering: ['city', 'temperature', 'conditions', 'tags'],
        },
      },
    });
    expectReport(openApiStyle.text);
  },

  async error({ harness, rateLimitedModel, rateLimitedStreamModel, cutModel, marker }) {
    const client = gemini(harness);
    const limited = await apiError(
      client.models.generateContent({ model: rateLimitedModel, contents: marker }),
    );
    expect(limited.status).toBe(429);
    expect(limited.message).toMatch(RATE_LIMIT_MESSAGE);
    expect(limited.message).toContain('RESOURCE_EXHAUSTED');
    // A stream refused before it starts is an HTTP error too, not an empty stream.
    const limitedStream = await apiError(
      (async () => {
        for await (const chunk of await client.models.generateContentStream({
          model: rateLimitedStreamModel,
          contents: marker,
        }))
          void chunk;
      })(),
    );
    expect(limitedStream.status).toBe(429);
    expect(limitedStream.message).toMatch(RATE_LIMIT_MESSAGE);
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
