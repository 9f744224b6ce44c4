import { type CanonEvent, type CanonRequest, collectEvents } from '../../canon/index.js';
import {
  assignResponseId,
  type ResponseHistory,
  rememberResponse,
  resolvePreviousResponse,
} from '../../codecs/openai-responses/index.js';
import type { Logger } from '../../telemetry/logger.js';
import type { Stage } from '../compose.js';

/**
 * `previous_response_id` for Responses callers. Before routing: the named turn (stored by the same
 * virtual key, else a 404) is prepended to the request, and the id the caller will be shown is fixed.
 * After the answer: the turn is stored under that id (unless `store: false`), for JSON answers before
 * they are sent and for streams before the terminal `response.completed`, so a caller chaining at once
 * always finds it. A failed or cut answer is not stored. Other API shapes pass straight through.
 */
export function createResponseHistoryStage(history: ResponseHistory, logger: Logger): Stage {
  return {
    name: 'response-history',
    async run(context, next) {
      if (context.shape !== 'openai-responses' || !context.request) return next();
      const owner = context.principal?.keyId;
      const expanded = await resolvePreviousResponse(context.request, history, owner);
      const request = assignResponseId(expanded);
      context.request = request;
      const outcome = await next();
      const remember = async (response: Parameters<typeof rememberResponse>[2]) => {
        try {
          await rememberResponse(history, request, response, owner);
        } catch (error) {
          // Storing is best effort: the answer itself is complete and must still reach the caller.
          logger.warn({ err: error, requestId: context.id }, 'could not store the Responses turn');
        }
      };
      if (outcome.kind === 'response') {
        await remember(outcome.response);
        return outcome;
      }
      return { kind: 'stream', events: rememberStream(outcome.events, request, remember) };
    },
  };
}

/** Passes events through; once the stream has finished cleanly, folds them into the stored turn. */
async function* rememberStream(
  events: AsyncIterable<CanonEvent>,
  request: CanonRequest,
  remember: (response: ReturnType<typeof collectEvents>) => Promise<void>,
): AsyncGenerator<CanonEvent> {
  const seen: CanonEvent[] = [];
  let failed = false;
  let finished = false;
  for await (const event of events) {
    if (event.type === 'error') failed = true;
    else if (event.type === 'finish') finished = true;
    seen.push(event);
    yield event;
  }
  if (failed || !finished) return;
  await remember(collectEvents(seen, { id: 'gateway', model: request.model }));
}
