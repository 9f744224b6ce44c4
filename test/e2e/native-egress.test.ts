import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const yaml = `
logging: { level: silent }
providers:
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

const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe.each([
  ['anthro', 'anthropic', '/v1/messages'],
  ['gem', 'gemini', ':generateContent'],
])('OpenAI callers served by a native %s upstream', (provider, protocol, pathPart) => {
  it('translates a plain answer and says which protocol answered', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create({
        model: `${provider}/demo-fast`,
        messages: [{ role: 'user', content: `hello ${protocol}` }],
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toMatch(/^Simulated reply from demo-fast/);
    expect(data.usage?.completion_tokens).toBeGreaterThan(0);
    expect(response.headers.get('x-switchyard-model')).toBe(`${provider}/demo-fast`);
    const record = (harness.gateway.simulator as Simulator)
      .records()
      .find((entry) => JSON.stringify(entry.body).includes(`hello ${protocol}`));
    expect(record?.path).toContain(pathPart);
  });

  it('translates a streamed answer', async () => {
    const stream = await harness.client().chat.completions.create({
      model: `${provider}/demo-fast`,
      stream: true,
      messages: [{ role: 'user', content: 'stream please' }],
    });
    let text = '';
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(text).toMatch(/^Simulated reply from demo-fast/);
    expect(finish).toBe('stop');
  });

  it('translates tool calls across two turns', async () => {
    const client = harness.client();
    const first = await client.chat.completions.create({
      model: `${provider}/demo-fast`,
      tools: [weather],
      messages: [{ role: 'user', content: 'Weather in Lima?' }],
    });
    const call = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    if (call?.type !== 'function') throw new Error('expected a function call');
    expect(call.function.name).toBe('get_weather');
    const second = await client.chat.completions.create({
      model: `${provider}/demo-fast`,
      tools: [weather],
      messages: [
        { role: 'user', content: 'Weather in Lima?' },
        { role: 'assistant', content: null, tool_calls: first.choices[0]?.message.tool_calls },
        { role: 'tool', tool_call_id: call.id, content: 'Sunny, 24 degrees' },
      ],
    });
    expect(second.choices[0]?.message.content).toContain('24');
  });
});
