import type { ChatAnswer } from './answer.js';
import type { AnthropicEntry } from './anthropic-handler.js';
import type { ChatRequest } from './chat-request.js';
import type { StreamFrame } from './chat-stream.js';
import type { SimulatedError } from './errors.js';
import type { FaultState } from './faults.js';
import type { GeminiEntry } from './gemini-handler.js';
import type { LruCache } from './lru.js';
import type { ModelRequest } from './model-request.js';
import type { Recorder } from './recorder.js';

/** A validated request with its answer and, once used, its serialised forms. */
export interface PreparedChat {
  request: ChatRequest;
  answer: ChatAnswer;
  jsonTail?: string;
  frames?: StreamFrame[];
}

/** What the simulator remembers about one distinct chat body (keyed by its raw text). */
export interface ChatEntry extends ModelRequest {
  outcome?: PreparedChat | SimulatedError;
}

/** State shared by the handlers of one simulator instance. */
export interface SimulatorContext {
  recorder: Recorder;
  faults: FaultState;
  chatCache: LruCache<string, ChatEntry>;
  /** Messages bodies (keyed by raw text) with their prepared answers. */
  anthropicCache: LruCache<string, AnthropicEntry>;
  /** generateContent bodies, keyed by model and raw text (the model is in the path). */
  geminiCache: LruCache<string, GeminiEntry>;
  requireApiKey: string | undefined;
  defaultDelayMs: number;
}
