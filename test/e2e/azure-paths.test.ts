import { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway();
});
afterAll(async () => {
  await harness?.stop();
});

describe('Azure OpenAI and GLM paths', () => {
  it('the AzureOpenAI client reaches an alias through its deployment path and api-key header', async () => {
    const client = new AzureOpenAI({
      endpoint: harness.url,
      apiKey: harness.key,
      apiVersion: '2024-10-21',
      deployment: 'chat',
      maxRetries: 0,
    });
    const { data, response } = await client.chat.completions
      .create({ model: 'ignored-by-azure', messages: [{ role: 'user', content: 'hi' }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toMatch(/^Simulated reply from demo-fast/);
    expect(response.headers.get('x-switchyard-route-reason')).toBe("alias 'chat'");
    const stream = await client.chat.completions.create({
      model: 'x',
      stream: true,
      messages: [{ role: 'user', content: 'hi' }],
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toMatch(/^Simulated reply/);
  });

  it("an unknown deployment is a 404 in OpenAI's envelope; other Azure operations are not served", async () => {
    const client = new AzureOpenAI({
      endpoint: harness.url,
      apiKey: harness.key,
      apiVersion: '2024-10-21',
      deployment: 'nope',
      maxRetries: 0,
    });
    await expect(
      client.chat.completions.create({ model: 'x', messages: [{ role: 'user', content: 'hi' }] }),
    ).rejects.toMatchObject({ status: 404 });
    const other = await fetch(
      `${harness.url}/openai/deployments/chat/images/generations?api-version=2024-10-21`,
      { method: 'POST', headers: { 'api-key': harness.key } },
    );
    expect(other.status).toBe(404);
  });

  it('the GLM/ZhipuAI OpenAI-style path serves chat', async () => {
    const response = await fetch(`${harness.url}/api/paas/v4/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'chat', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(response.status).toBe(200);
  });
});
