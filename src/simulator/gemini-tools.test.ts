import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { validatesAgainst } from './test-helpers.js';
import type { Simulator } from './types.js';
import { firstCandidate, partsOf, post } from './wire-test-helpers.js';

let simulator: Simulator;
beforeAll(async () => {
  simulator = await startSimulator({ port: 0 });
});
afterAll(() => simulator.close());
beforeEach(() => simulator.reset());

const KEY = { 'x-goog-api-key': 'gemini-test-key' };
const userTurn = (text: string) => ({ role: 'user', parts: [{ text }] });
const generate = (model: string, extra: Record<string, unknown> = {}, text = 'Hello there') =>
  post(simulator, `/v1beta/models/${model}:generateContent`, { contents: [userTurn(text)], ...extra }, KEY);
const weather = {
  name: 'get_weather',
  parameters: {
    type: 'OBJECT',
    properties: { city: { type: 'STRING' }, unit: { type: 'STRING', enum: ['C', 'F'] } },
    required: ['city', 'unit'],
  },
};

describe('generateContent tools, JSON and thinking', () => {
  it('calls a function without an id, then quotes the functionResponse', async () => {
    const first = await generate(
      'demo-fast',
      { tools: [{ functionDeclarations: [weather] }] },
      'Weather in Paris?',
    );
    const [part] = partsOf(firstCandidate(first.json));
    expect(firstCandidate(first.json).finishReason).toBe('STOP');
    const call = part?.functionCall as { name: string; args: unknown; id?: string };
    expect(call.name).toBe('get_weather');
    expect(call.id).toBeUndefined();
    const lowerCase = {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['C', 'F'] } },
      required: ['city', 'unit'],
    };
    expect(validatesAgainst(lowerCase, call.args)).toBe(true);
    const second = await post(simulator, '/v1beta/models/demo-fast:generateContent', {
      contents: [
        userTurn('Weather in Paris?'),
        { role: 'model', parts: [part] },
        {
          role: 'user',
          parts: [{ functionResponse: { name: 'get_weather', response: { result: 'Sunny, 21 degrees' } } }],
        },
      ],
      tools: [{ functionDeclarations: [weather] }],
    });
    expect(partsOf(firstCandidate(second.json))).toEqual([
      { text: 'Simulated reply from demo-fast: the tool returned "Sunny, 21 degrees".' },
    ]);
  });

  it('follows functionCallingConfig ANY with allowedFunctionNames and NONE', async () => {
    const time = {
      name: 'get_time',
      parametersJsonSchema: { type: 'object', properties: { zone: { type: 'string' } } },
    };
    const tools = [{ functionDeclarations: [weather, time] }];
    const forced = await generate('demo', {
      tools,
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_time'] } },
    });
    expect(partsOf(firstCandidate(forced.json))[0]).toMatchObject({ functionCall: { name: 'get_time' } });
    const none = await generate('demo', { tools, toolConfig: { functionCallingConfig: { mode: 'NONE' } } });
    expect(partsOf(firstCandidate(none.json))[0]?.text).toEqual(expect.any(String));
  });

  it('rejects JSON Schema keywords in an OpenAPI-style parameters schema', async () => {
    const loose = { name: 'f', parameters: { type: 'object', properties: {}, additionalProperties: false } };
    const response = await generate('demo', { tools: [{ functionDeclarations: [loose] }] });
    expect(response.status).toBe(400);
    expect(response.text).toContain('Unknown name \\"additionalProperties\\"');
  });

  it('answers responseSchema and responseJsonSchema with schema-valid JSON', async () => {
    const jsonSchema = {
      type: 'object',
      properties: { title: { type: 'string' }, year: { type: 'integer', minimum: 1900, maximum: 2030 } },
      required: ['title', 'year'],
    };
    const viaJson = await generate('demo', {
      generationConfig: { responseMimeType: 'application/json', responseJsonSchema: jsonSchema },
    });
    const text = String(partsOf(firstCandidate(viaJson.json))[0]?.text);
    expect(validatesAgainst(jsonSchema, JSON.parse(text))).toBe(true);
    const openApi = {
      type: 'OBJECT',
      properties: { tags: { type: 'ARRAY', items: { type: 'STRING' } } },
      required: ['tags'],
    };
    const viaOpenApi = await generate('demo', {
      generationConfig: { responseMimeType: 'application/json', responseSchema: openApi },
    });
    const parsed = JSON.parse(String(partsOf(firstCandidate(viaOpenApi.json))[0]?.text)) as {
      tags: unknown[];
    };
    expect(parsed.tags.every((tag) => typeof tag === 'string')).toBe(true);
    const noMime = await generate('demo', { generationConfig: { responseSchema: openApi } });
    expect(noMime.status).toBe(400);
  });

  it('thinking-N counts thoughts always and shows a signed thought part only with includeThoughts', async () => {
    const hidden = await generate('demo+thinking-10');
    expect(partsOf(firstCandidate(hidden.json))).toHaveLength(1);
    expect(hidden.json).toMatchObject({
      usageMetadata: { thoughtsTokenCount: 10, candidatesTokenCount: 24 },
    });
    const shown = await generate('demo+thinking-10', {
      generationConfig: { thinkingConfig: { includeThoughts: true } },
    });
    const [thought, text] = partsOf(firstCandidate(shown.json));
    expect(thought).toMatchObject({
      thought: true,
      thoughtSignature: expect.any(String),
      text: expect.stringMatching(/^Let me think/),
    });
    expect(text?.thought).toBeUndefined();
    const off = await generate('demo+thinking-10', {
      generationConfig: { thinkingConfig: { thinkingBudget: 0 } },
    });
    expect((off.json as { usageMetadata: object }).usageMetadata).not.toHaveProperty('thoughtsTokenCount');
  });
});
