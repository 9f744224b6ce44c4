// The hub: canonical request, response and stream-event types every codec and provider speaks.
// Imports nothing else from src/.
export * from './attempt.js';
export * from './collect-events.js';
export * from './content-part.js';
export * from './errors.js';
export * from './finish-reason.js';
export * from './message.js';
export * from './replay-response.js';
export * from './request.js';
export * from './response.js';
export * from './stream-event.js';
export * from './summary.js';
export * from './tool.js';
export * from './usage.js';
export * from './warning.js';
