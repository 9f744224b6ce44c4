import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type CanonEvent, type CanonResponse, collectEvents, replayResponse } from '../../canon/index.js';
import { createSseParser } from '../../http/index.js';
import { decodeOpenAiResponsesRequest } from './decode-request.js';
import { decodeOpenAiResponsesResponse } from './decode-response.js';
import { createOpenAiResponsesStreamDecoder } from './decode-stream.js';
import { encodeOpenAiResponsesRequest } from './encode-request.js';
import { encodeOpenAiResponsesResponse } from './encode-response.js';
import {
  encodeStreamText,
  parseStreamText,
  provider,
  sampleRequest,
  sampleResponse,
  streamProblems,
} from './test-helpers.js';

const requestFixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/full-request.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;
const recordedStream = readFileSync(
  new URL('./__fixtures__/stream-reasoning-text-tools.sse', import.meta.url),
  'utf8',
);

function decodeStreamText(text: string): CanonEvent[] {
  const decoder = createOpenAiResponsesStreamDecoder(provider);
  return [
    ...createSseParser()
      .push(text)
      .flatMap((event) => decoder.push(event)),
    ...decoder.end(),
  ];
}

/** What must survive any round trip: the parts, the unified finish and the token counts. */
function essence(response: CanonResponse) {
  return {
    content: response.choices.map((choice) => choice.message.content),
    finish: response.choices.map((choice) => choice.finish.unified),
    usage: { input: response.usage?.input, output: response.usage?.output },
  };
}

describe('OpenAI Responses codec round trips', () => {
  it('request: decode(encode(decode(x))) equals decode(x), vendor carry included', () => {
    const once = decodeOpenAiResponsesRequest(requestFixture);
    const { body, warnings } = encodeOpenAiResponsesRequest(once, once.model);
    expect(warnings).toEqual([]);
    expect(decodeOpenAiResponsesRequest(body)).toEqual(once);
  });

  it('response: decode(encode(r)) keeps parts, finish and usage; a second trip changes nothing', () => {
    const request = sampleRequest();
    const once = decodeOpenAiResponsesResponse(
      encodeOpenAiResponsesResponse(sampleResponse, request),
      provider,
    );
    expect(essence(once)).toEqual(essence(sampleResponse));
    const twice = decodeOpenAiResponsesResponse(encodeOpenAiResponsesResponse(once, request), provider);
    expect({ ...twice, usage: undefined }).toEqual({ ...once, usage: undefined });
  });

  it('stream: collect(decode(encode(events))) equals collect(events) for a recorded upstream stream', () => {
    const events = decodeStreamText(recordedStream);
    const encoded = encodeStreamText(events);
    expect(streamProblems(parseStreamText(encoded))).toEqual([]);
    expect(essence(collectEvents(decodeStreamText(encoded), provider))).toEqual(
      essence(collectEvents(events, provider)),
    );
  });

  it('stream: a replayed response re-collects to the same answer, failure included', () => {
    const again = collectEvents(decodeStreamText(encodeStreamText(replayResponse(sampleResponse))), provider);
    expect(essence(again)).toEqual(essence(sampleResponse));
    const cut = decodeStreamText(encodeStreamText([{ type: 'text-delta', block: 0, text: 'Hal' }]));
    expect(() => collectEvents(cut, provider)).toThrow(/ended before it finished/);
  });
});
