import { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { speechWav } from '../../src/simulator/media.js';
import { endpointsConfigYaml, mediaModelsYaml } from '../support/endpoints-config.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

let harness: TestGateway;

beforeAll(async () => {
  harness = await startTestGateway({ yaml: endpointsConfigYaml + mediaModelsYaml });
});
afterAll(async () => {
  await harness?.stop();
});

async function logRow(id: string | null) {
  await harness.flushLog();
  return harness.gateway.app.store.requestLog.findById(id ?? '');
}

describe('moderations, images and audio (official openai SDK)', () => {
  it('moderates', async () => {
    const { data, response } = await harness
      .client()
      .moderations.create({ model: 'moderate', input: ['good morning', 'I will attack them'] })
      .withResponse();
    expect(data.results.map((result) => result.flagged)).toEqual([false, true]);
    expect(data.model).toBe('moderate');
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({
      shape: 'openai-moderations',
      outcome: 'success',
      costMicros: 0,
      usageEstimated: true,
    });
    expect(row?.inputTokens).toBeGreaterThan(0);
  });

  it('generates images as b64_json and as url, billed per image', async () => {
    const { data, response } = await harness
      .client()
      .images.generate({ model: 'draw', prompt: 'a lighthouse', n: 2, response_format: 'b64_json' })
      .withResponse();
    expect(data.data).toHaveLength(2);
    const png = Buffer.from(data.data?.[0]?.b64_json ?? '', 'base64');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(response.headers.get('x-switchyard-cost-usd')).toBe('0.080000');
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({
      shape: 'openai-images',
      costMicros: 80_000,
      metadata: { 'units.images': '2' },
    });
    const byUrl = await harness
      .client()
      .images.generate({ model: 'draw', prompt: 'a lighthouse', response_format: 'url' });
    expect(byUrl.data?.[0]?.url).toMatch(/^data:image\/png;base64,/);
  });

  it('speaks: binary audio with its content type, billed per character', async () => {
    const input = 'Hello from Switchyard';
    const response = await harness
      .client()
      .audio.speech.create({ model: 'speak', voice: 'alloy', input, response_format: 'wav' });
    expect(response.headers.get('content-type')).toBe('audio/wav');
    const audio = Buffer.from(await response.arrayBuffer());
    expect(audio).toEqual(speechWav(input));
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    // 21 characters at $15 per million characters = 315 micro-dollars.
    expect(row).toMatchObject({
      shape: 'openai-speech',
      costMicros: 315,
      metadata: { 'units.characters': '21' },
    });
  });

  it('transcribes a multipart upload in json, text and verbose_json, billed per minute', async () => {
    const wav = speechWav('The quick brown fox jumps over the lazy dog');
    const client = harness.client();
    const { data, response } = await client.audio.transcriptions
      .create({ model: 'transcribe', file: await toFile(wav, 'fox.wav', { type: 'audio/wav' }) })
      .withResponse();
    expect(data.text).toBe('The quick brown fox jumps over the lazy dog');
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    // The simulator reports 3 whole seconds: 3/60 minute at $0.006 per minute = 300 micro-dollars.
    expect(row).toMatchObject({
      shape: 'openai-transcriptions',
      costMicros: 300,
      metadata: { 'units.seconds': '3' },
    });
    const text = await client.audio.transcriptions.create({
      model: 'transcribe',
      file: await toFile(wav, 'fox.wav'),
      response_format: 'text',
    });
    expect(String(text).trim()).toBe('The quick brown fox jumps over the lazy dog');
    const verbose = await client.audio.transcriptions.create({
      model: 'transcribe',
      file: await toFile(wav, 'fox.wav'),
      response_format: 'verbose_json',
      language: 'en',
    });
    expect(verbose.duration).toBeCloseTo(2.58, 1);
    expect(verbose.language).toBe('en');
  });

  it('answers upload errors in OpenAI shape: missing file, wrong content type, too large, upstream 429', async () => {
    const form = new FormData();
    form.append('model', 'transcribe');
    const missing = await fetch(`${harness.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}` },
      body: form,
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ error: { param: 'file', type: 'invalid_request_error' } });
    const json = await fetch(`${harness.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    const huge = new FormData();
    huge.append('model', 'transcribe');
    huge.append('file', new Blob([new Uint8Array(300_000)]), 'big.wav');
    const tooLarge = await fetch(`${harness.url}/v1/audio/transcriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}` },
      body: huge,
    });
    expect(tooLarge.status).toBe(413);
    await expect(
      harness.client().audio.transcriptions.create({
        model: 'transcribe-limited',
        file: await toFile(Buffer.from('abc'), 'a.mp3'),
      }),
    ).rejects.toMatchObject({ status: 429 });
  });

  it('refuses a speech request on a transcription model with a 400', async () => {
    await expect(
      harness.client().audio.speech.create({ model: 'transcribe', voice: 'alloy', input: 'x' }),
    ).rejects.toMatchObject({ status: 400, code: 'no_capable_model' });
  });
});

describe('POST /v1/rerank (Cohere-compatible, raw fetch)', () => {
  const rerank = (body: unknown) =>
    fetch(`${harness.url}/v1/rerank`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('ranks documents (strings and objects), returns them when asked, and bills search units', async () => {
    const response = await rerank({
      model: 'rerank',
      query: 'capital of france',
      documents: [
        'Berlin is in Germany',
        { text: 'Paris is the capital of France', id: 'doc-7' },
        'France exports wine',
      ],
      top_n: 2,
      return_documents: true,
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      results: Array<{ index: number; relevance_score: number; document?: unknown }>;
      meta: { billed_units: { search_units: number } };
    };
    expect(body.results.map((result) => result.index)).toEqual([1, 2]);
    expect(body.results[0]?.document).toEqual({ text: 'Paris is the capital of France', id: 'doc-7' });
    expect(body.meta.billed_units.search_units).toBe(1);
    const row = await logRow(response.headers.get('x-switchyard-request-id'));
    expect(row).toMatchObject({ shape: 'rerank', costMicros: 2000, metadata: { 'units.searchUnits': '1' } });
  });

  it('fails over and answers errors in OpenAI shape', async () => {
    const failover = await rerank({ model: 'rerank-flaky', query: 'q', documents: ['d'] });
    expect(failover.status).toBe(200);
    expect(failover.headers.get('x-switchyard-attempts')).toBe('2');
    const bad = await rerank({ model: 'rerank', query: 'q', documents: [] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { param: 'documents' } });
    const wrongModel = await rerank({ model: 'embed', query: 'q', documents: ['d'] });
    expect(wrongModel.status).toBe(400);
  });
});
