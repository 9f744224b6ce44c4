import type { Stage } from '../compose.js';

/** Reads the body only once the caller is known, so anonymous callers cannot make us buffer megabytes. */
export function createReadBodyStage(): Stage {
  return {
    name: 'read-body',
    async run(context, next) {
      context.rawBody = await context.readBody();
      return next();
    },
  };
}
