import type { CanonEvent, CanonResponse } from '../canon/index.js';

/** What the pipeline produces: a whole answer or a committed stream of events. */
export type Outcome =
  | { kind: 'response'; response: CanonResponse }
  | { kind: 'stream'; events: AsyncIterable<CanonEvent> };
