import { describe, expect, it } from 'vitest';
import { type CanonEvent, GatewayError } from '../../canon/index.js';
import {
  decodeOpenAiResponsesRequest,
  InMemoryResponseHistory,
  responseIdOf,
} from '../../codecs/openai-responses/index.js';
import { createLogger } from '../../telemetry/logger.js';
import type { RequestContext } from '../context.js';
import type { Outcome } from '../outcome.js';
import { createResponseHistoryStage } from './response-history.js';

function contextFor(shape: RequestContext['shape'], body: unknown, keyId = 'key-a'): RequestContext {
  return {
    id: 'req',
    shape,
    principal: { keyId },
    request: decodeOpenAiResponsesRequest(body),
  } as unknown as RequestContext;
}

const answer: CanonEvent[] = [
  { type: 'response-start', id: 'up', model: 'm', createdAt: 1 },
  { type: 'text-start', block: 0 },
  { type: 'text-delta', block: 0, text: 'Hello' },
  { type: 'text-end', block: 0 },
  { type: 'finish', finish: { unified: 'stop' } },
];

async function drain(outcome: Outcome): Promise<void> {
  if (outcome.kind !== 'stream') return;
  for await (const _event of outcome.events) {
    // consume
  }
}

async function* from(events: CanonEvent[]): AsyncGenerator<CanonEvent> {
  yield* events;
}

describe('response-history stage', () => {
  const logger = createLogger('silent');

  it('stores a finished stream under the assigned id, for the same key only', async () => {
    const history = new InMemoryResponseHistory();
    const stage = createResponseHistoryStage(history, logger);
    const context = contextFor('openai-responses', { model: 'm', input: 'Hi', stream: true });
    await drain(await stage.run(context, async () => ({ kind: 'stream', events: from(answer) })));
    const id = responseIdOf(context.request as NonNullable<RequestContext['request']>) as string;
    expect((await history.get(id))?.output.content).toEqual([{ type: 'text', text: 'Hello' }]);
    const other = contextFor(
      'openai-responses',
      { model: 'm', input: 'x', previous_response_id: id },
      'key-b',
    );
    await expect(stage.run(other, async () => ({ kind: 'stream', events: from([]) }))).rejects.toMatchObject({
      status: 404,
    });
  });

  it('stores nothing for a stream that failed or never finished', async () => {
    const history = new InMemoryResponseHistory();
    const stage = createResponseHistoryStage(history, logger);
    const failed = [
      ...answer.slice(0, 3),
      { type: 'error', error: new GatewayError('upstream_timeout', 'cut') },
    ];
    for (const events of [failed as CanonEvent[], answer.slice(0, 3)]) {
      const context = contextFor('openai-responses', { model: 'm', input: 'Hi', stream: true });
      await drain(await stage.run(context, async () => ({ kind: 'stream', events: from(events) })));
    }
    expect(history.size).toBe(0);
  });

  it('leaves other API shapes alone', async () => {
    const history = new InMemoryResponseHistory();
    const stage = createResponseHistoryStage(history, logger);
    const context = contextFor('openai-chat', { model: 'm', input: 'Hi' });
    await drain(await stage.run(context, async () => ({ kind: 'stream', events: from(answer) })));
    expect(responseIdOf(context.request as NonNullable<RequestContext['request']>)).toBeUndefined();
    expect(history.size).toBe(0);
  });
});
