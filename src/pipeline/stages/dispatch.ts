import { GatewayError } from '../../canon/index.js';
import { createDeadline } from '../../routing/attempt-controller.js';
import { type ExecutionDependencies, executePlan } from '../../routing/execute-plan.js';
import type { Pipeline } from '../compose.js';

/** The terminal stage: runs the plan (attempts, retries, fallbacks, the streaming commit point). */
export function createDispatch(dependencies: ExecutionDependencies): Pipeline {
  return async (context) => {
    const { request, plan } = context;
    if (!request || !plan)
      throw new GatewayError('internal', 'dispatch reached without a request and a plan');
    const deadline = createDeadline(context.signal, plan.timeouts.totalMs);
    let streaming = false;
    try {
      const result = await executePlan(
        request,
        plan,
        deadline.signal,
        context.attempts,
        dependencies,
        (target) => {
          // A stream rescued by another deployment: the summary names the one that finished the answer.
          context.servedBy = target;
          context.fallbackUsed = true;
        },
      );
      context.servedBy = result.target;
      context.fallbackUsed = result.fallbackUsed;
      context.warnings.push(...result.warnings);
      if (result.kind === 'response') {
        // What the upstream's answer could not carry (a part type, a field) is reported like the rest.
        context.warnings.push(...result.response.warnings);
        return { kind: 'response', response: result.response };
      }
      context.ttftMs = result.ttftMs;
      streaming = true;
      return { kind: 'stream', events: releaseWhenDone(result.events, deadline.dispose) };
    } finally {
      if (!streaming) deadline.dispose();
    }
  };
}

async function* releaseWhenDone<T>(events: AsyncIterable<T>, release: () => void): AsyncGenerator<T> {
  try {
    yield* events;
  } finally {
    release();
  }
}
