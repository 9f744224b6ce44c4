import type { RequestContext } from './context.js';
import type { Outcome } from './outcome.js';

/** One step of the request lifecycle. Outer stages see (and may wrap) everything inner stages produce. */
export interface Stage {
  name: string;
  run(context: RequestContext, next: () => Promise<Outcome>): Promise<Outcome>;
}

export type Pipeline = (context: RequestContext) => Promise<Outcome>;

/** Onion composition: stages[0] runs first and its `next` runs the rest, ending in `terminal`. */
export function composeStages(stages: readonly Stage[], terminal: Pipeline): Pipeline {
  return (context) => {
    let lastIndex = -1;
    const dispatch = (index: number): Promise<Outcome> => {
      if (index <= lastIndex)
        return Promise.reject(new Error(`stage ${stages[index]?.name ?? 'terminal'} called next() twice`));
      lastIndex = index;
      const stage = stages[index];
      if (!stage) return terminal(context);
      return stage.run(context, () => dispatch(index + 1));
    };
    return dispatch(0);
  };
}
