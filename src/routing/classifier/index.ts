// The prompt classifier behind the `auto` model: a dependency-free heuristic that picks a task class
// from the prompt text without calling any model.
export { classifyText, LONG_CONTEXT_TOKENS } from './classify.js';
export { classifyRequest } from './classify-request.js';
export { type Classification, TASK_CLASSES, type TaskClass } from './types.js';
