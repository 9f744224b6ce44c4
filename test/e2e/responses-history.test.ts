import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// `previous_response_id` through a running gateway, driven by the official openai SDK. The alias
// `history` routes to a model name no other suite uses, so the simulator's records show exactly what
// each turn sent upstream.
const yaml = `
server: { maxBodyBytes: 65536 }
logging: { level: silent }
providers:
  sim: { type: simulator }
models:
  history:
    targets: [ { provider: sim, model: demo-history } ]
responses:
  history: { maxEntries: 50, ttlMs: 60000 }
`;

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({ yaml });
});
afterAll(async () => {
  await harness?.stop();
});
beforeEach(() => {
  harness.gateway.simulator?.clearRecords();
});

/** The upstream chat messages of the last request the simulator saw, as role: text lines. */
function lastUpstreamConversation(): string[] {
  const records = harness.gateway.simulator?.recordsFor('demo-history') ?? [];
  const body = records.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
  return body.messages.map(
    (message) =>
      `${message.role}: ${typeof message.content === 'string' ? message.content : JSON.stringify(message.content)}`,
  );
}

describe('previous_response_id (official openai SDK)', () => {
  it('chains two turns: the second request carries the first turn upstream', async () => {
    const client = harness.client();
    const first = await client.responses.create({
      model: 'history',
      instructions: 'Be brief.',
      input: 'My name is Ada.',
    });
    expect(first.id).toMatch(/^resp_/);
    const second = await client.responses.create({
      model: 'history',
      previous_response_id: first.id,
      input: 'What is my name?',
    });
    expect(second.previous_response_id).toBe(first.id);
    expect(second.id).not.toBe(first.id);
    expect(lastUpstreamConversation()).toEqual([
      'user: My name is Ada.',
      `assistant: ${first.output_text}`,
      'user: What is my name?',
    ]);
  });

  it('stores streamed turns under the id the stream announced', async () => {
    const client = harness.client();
    const stream = client.responses.stream({ model: 'history', input: 'Count to three.' });
    let createdId: string | undefined;
    stream.on('response.created', (event) => {
      createdId = event.response.id;
    });
    const first = await stream.finalResponse();
    expect(createdId).toBe(first.id);
    const second = client.responses.stream({
      model: 'history',
      previous_response_id: first.id,
      input: 'And then?',
    });
    const final = await second.finalResponse();
    expect(final.status).toBe('completed');
    expect(lastUpstreamConversation()).toEqual([
      'user: Count to three.',
      `assistant: ${first.output_text}`,
      'user: And then?',
    ]);
    // A third turn continues the streamed second one: the whole conversation travels.
    await client.responses.create({ model: 'history', previous_response_id: final.id, input: 'Done.' });
    expect(lastUpstreamConversation()).toHaveLength(5);
  });

  it("refuses another key's response exactly like a missing one", async () => {
    const first = await harness.client().responses.create({ model: 'history', input: 'Secret turn.' });
    const other = await harness.createKey({ name: 'other' });
    const error = await harness
      .client({ key: other.key })
      .responses.create({ model: 'history', previous_response_id: first.id, input: 'Continue.' })
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 'previous_response_not_found',
      param: 'previous_response_id',
    });
    await expect(harness.client({ key: other.key }).responses.retrieve(first.id)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('does not keep a store: false response, and a later reference fails clearly', async () => {
    const client = harness.client();
    const unstored = await client.responses.create({ model: 'history', input: 'Forget me.', store: false });
    expect((unstored as unknown as { store: boolean }).store).toBe(false);
    await expect(
      client.responses.create({ model: 'history', previous_response_id: unstored.id, input: 'Again?' }),
    ).rejects.toMatchObject({ status: 404, code: 'previous_response_not_found' });
    await expect(client.responses.retrieve(unstored.id)).rejects.toMatchObject({ status: 404 });
  });

  it('retrieves and deletes a stored response', async () => {
    const client = harness.client();
    const created = await client.responses.create({ model: 'history', input: 'Keep me.' });
    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved.id).toBe(created.id);
    expect(retrieved.output_text).toBe(created.output_text);
    expect(retrieved.usage?.output_tokens).toBe(created.usage?.output_tokens);
    await client.responses.delete(created.id);
    await expect(client.responses.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
    await expect(
      client.responses.create({ model: 'history', previous_response_id: created.id, input: 'x' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('rejects what no target can serve with a Responses-shaped 400', async () => {
    const client = harness.client();
    await expect(
      client.responses.create({ model: 'history', input: 'x', tools: [{ type: 'web_search' }] }),
    ).rejects.toMatchObject({ status: 400, param: 'tools[0].type' });
    await expect(
      client.responses.create({ model: 'history', input: 'x', background: true }),
    ).rejects.toMatchObject({ status: 400, param: 'background' });
  });
});
