import { GoogleGenAI } from '@google/genai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(async () => {
  await harness?.stop();
});

describe('OpenAI Responses callers (official openai SDK)', () => {
  it('answers a plain request with a Response object', async () => {
    const response = await harness.client().responses.create({ model: 'chat', input: 'Hello there' });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.output_text).toMatch(/^Simulated reply from demo-fast/);
    expect(response.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('streams Responses events the SDK accepts', async () => {
    const stream = harness.client().responses.stream({ model: 'chat', input: 'Stream please' });
    const deltas: string[] = [];
    stream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(deltas.length).toBeGreaterThan(1);
    expect(final.output_text).toBe(deltas.join(''));
  });

  it('returns function calls as output items', async () => {
    const response = await harness.client().responses.create({
      model: 'chat',
      input: 'Weather in Rome?',
      tools: [
        {
          type: 'function',
          name: 'get_weather',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          strict: false,
        },
      ],
    });
    const call = response.output.find((item) => item.type === 'function_call');
    expect(call?.type).toBe('function_call');
    if (call?.type === 'function_call') expect(JSON.parse(call.arguments)).toHaveProperty('city');
  });
});

describe('Gemini callers (official @google/genai SDK)', () => {
  const gemini = () => new GoogleGenAI({ apiKey: harness.key, httpOptions: { baseUrl: harness.url } });

  it('answers generateContent', async () => {
    const response = await gemini().models.generateContent({ model: 'chat', contents: 'Hello' });
    expect(response.text).toMatch(/^Simulated reply from demo-fast/);
    expect(response.candidates?.[0]?.finishReason).toBe('STOP');
    expect(response.usageMetadata?.totalTokenCount).toBeGreaterThan(0);
  });

  it('streams with streamGenerateContent', async () => {
    const stream = await gemini().models.generateContentStream({ model: 'chat', contents: 'Stream please' });
    let text = '';
    for await (const chunk of stream) text += chunk.text ?? '';
    expect(text).toMatch(/^Simulated reply from demo-fast/);
  });

  it('answers errors in google.rpc shape', async () => {
    await expect(gemini().models.generateContent({ model: 'no-such-model', contents: 'x' })).rejects.toThrow(
      /404|not exist/,
    );
  });
});
