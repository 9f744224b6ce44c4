import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from './index.js';
import { promptImagePng, readWav, speechWav } from './media.js';
import type { Simulator } from './types.js';

let simulator: Simulator;

beforeAll(async () => {
  simulator = await startSimulator();
});
afterAll(async () => {
  await simulator?.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${simulator.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('simulator: moderations, rerank, images, speech, transcriptions', () => {
  it('flags inputs by their words', async () => {
    const response = await post('/v1/moderations', {
      model: 'demo-moderation',
      input: ['hello', 'I will attack'],
    });
    const body = (await response.json()) as {
      results: Array<{ flagged: boolean; categories: Record<string, boolean> }>;
    };
    expect(body.results.map((result) => result.flagged)).toEqual([false, true]);
    expect(body.results[1]?.categories.violence).toBe(true);
  });

  it('reranks by shared words, on /v1/rerank and Cohere /v2/rerank alike', async () => {
    const request = {
      model: 'demo-rerank',
      query: 'capital of france',
      documents: ['Berlin is in Germany', { text: 'Paris is the capital of France' }, 'France exports wine'],
      top_n: 2,
      return_documents: true,
    };
    const first = (await (await post('/v1/rerank', request)).json()) as {
      results: Array<{ index: number; relevance_score: number; document?: { text: string } }>;
      meta: { billed_units: { search_units: number } };
    };
    const second = await (await post('/v2/rerank', request)).json();
    expect(second).toEqual(first);
    expect(first.results.map((result) => result.index)).toEqual([1, 2]);
    expect(first.results[0]?.document?.text).toBe('Paris is the capital of France');
    expect(first.meta.billed_units.search_units).toBe(1);
    const missing = await post('/v1/rerank', { model: 'demo-rerank', documents: ['x'] });
    expect(missing.status).toBe(400);
  });

  it('draws valid PNGs, deterministic per prompt', async () => {
    const png = promptImagePng('a cat');
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(promptImagePng('a cat')).toEqual(png);
    const response = await post('/v1/images/generations', {
      model: 'demo-image',
      prompt: 'a cat',
      n: 2,
      response_format: 'b64_json',
    });
    const body = (await response.json()) as { data: Array<{ b64_json: string }> };
    expect(body.data).toHaveLength(2);
    expect(Buffer.from(body.data[0]?.b64_json ?? '', 'base64')).toEqual(promptImagePng('a cat#0'));
  });

  it('speaks a WAV that transcription reads back, with its duration', async () => {
    const speech = await post('/v1/audio/speech', {
      model: 'demo-tts',
      input: 'Hello from the simulator',
      voice: 'alloy',
      response_format: 'wav',
    });
    expect(speech.headers.get('content-type')).toBe('audio/wav');
    const wav = Buffer.from(await speech.arrayBuffer());
    expect(wav).toEqual(speechWav('Hello from the simulator'));
    const described = readWav(wav);
    expect(described?.comment).toBe('Hello from the simulator');
    expect(described?.seconds).toBeCloseTo(24 * 0.06, 3);
    const form = new FormData();
    form.append('model', 'demo-transcribe');
    form.append('response_format', 'verbose_json');
    form.append('file', new Blob([wav], { type: 'audio/wav' }), 'hello.wav');
    const transcription = await fetch(`${simulator.url}/v1/audio/transcriptions`, {
      method: 'POST',
      body: form,
    });
    const body = (await transcription.json()) as {
      text: string;
      duration: number;
      usage: { seconds: number };
    };
    expect(body.text).toBe('Hello from the simulator');
    expect(body.duration).toBeCloseTo(1.44, 2);
    expect(body.usage.seconds).toBe(2);
  });

  it('applies scripted faults to the new endpoints', async () => {
    const response = await post('/v1/rerank', { model: 'demo-rerank+503', query: 'q', documents: ['d'] });
    expect(response.status).toBe(503);
    const form = new FormData();
    form.append('model', 'demo-transcribe+429');
    form.append('file', new Blob([Buffer.from('abc')]), 'a.mp3');
    const limited = await fetch(`${simulator.url}/v1/audio/transcriptions`, { method: 'POST', body: form });
    expect(limited.status).toBe(429);
  });

  it('answers legacy completions with the chat text, as JSON and as a stream', async () => {
    const chat = (await (
      await post('/v1/chat/completions', {
        model: 'demo-fast',
        messages: [{ role: 'user', content: 'Say hi' }],
      })
    ).json()) as { choices: Array<{ message: { content: string } }> };
    const json = (await (await post('/v1/completions', { model: 'demo-fast', prompt: 'Say hi' })).json()) as {
      object: string;
      choices: Array<{ text: string }>;
      usage: { completion_tokens: number };
    };
    expect(json.object).toBe('text_completion');
    expect(json.choices[0]?.text).toBe(chat.choices[0]?.message.content);
    const streamed = await (
      await post('/v1/completions', { model: 'demo-fast', prompt: 'Say hi', stream: true })
    ).text();
    const texts = streamed
      .split('\n\n')
      .filter((line) => line.startsWith('data: {'))
      .map(
        (line) => (JSON.parse(line.slice(6)) as { choices: Array<{ text: string }> }).choices[0]?.text ?? '',
      );
    expect(texts.join('')).toBe(json.choices[0]?.text);
    expect(streamed.trimEnd().endsWith('data: [DONE]')).toBe(true);
    const cut = await (await post('/v1/completions', { model: 'demo-fast+500', prompt: 'x' })).json();
    expect(cut).toMatchObject({ error: { type: 'server_error' } });
  });
});
