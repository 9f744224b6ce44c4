import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// Warnings about the upstream's answer (here a Gemini `executableCode` part no other shape can carry)
// reach the caller like translation warnings: in X-Switchyard-Warnings for JSON answers, in the final
// stream summary for streams. The upstream is a small local server speaking Gemini's wire format.
const parts = [{ text: 'The answer is 4.' }, { executableCode: { language: 'PYTHON', code: 'print(2+2)' } }];
const usageMetadata = { promptTokenCount: 5, candidatesTokenCount: 6, totalTokenCount: 11 };

let upstream: Server;
let harness: TestGateway;

beforeAll(async () => {
  upstream = createServer((request, response) => {
    request.resume();
    const candidate = { content: { role: 'model', parts }, finishReason: 'STOP', index: 0 };
    if (request.url?.includes(':streamGenerateContent')) {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.end(`data: ${JSON.stringify({ candidates: [candidate], usageMetadata })}\r\n\r\n`);
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ candidates: [candidate], usageMetadata, modelVersion: 'gemini-test' }));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const port = (upstream.address() as AddressInfo).port;
  harness = await startTestGateway({
    yaml: `
logging: { level: silent }
providers:
  fakegem: { type: gemini, baseUrl: "http://127.0.0.1:${port}/v1beta", apiKey: test-key }
`,
  });
});
afterAll(async () => {
  await harness?.stop();
  await new Promise<void>((resolve) => upstream?.close(() => resolve()));
});

describe('warnings about the answer', () => {
  it('a JSON answer reports the dropped part in X-Switchyard-Warnings', async () => {
    const { data, response } = await harness
      .client()
      .chat.completions.create({
        model: 'fakegem/gemini-test',
        messages: [{ role: 'user', content: '2+2?' }],
      })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe('The answer is 4.');
    expect(response.headers.get('x-switchyard-warnings')).toContain("'executableCode' part");
  });

  it('a streamed answer reports it in the final summary', async () => {
    const stream = await harness.client().chat.completions.create({
      model: 'fakegem/gemini-test',
      messages: [{ role: 'user', content: '2+2?' }],
      stream: true,
    });
    let text = '';
    let warnings: Array<{ code: string; field?: string }> | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      const summary = (chunk as unknown as { switchyard?: { warnings?: typeof warnings } }).switchyard;
      if (summary) warnings = summary.warnings;
    }
    expect(text).toBe('The answer is 4.');
    expect(warnings).toContainEqual(
      expect.objectContaining({ code: 'unsupported-output', field: 'executableCode' }),
    );
  });
});
