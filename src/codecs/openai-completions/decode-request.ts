import type { CanonRequest } from '../../canon/index.js';
import { decodeOpenAiChatRequest } from '../openai-chat/decode-request.js';
import {
  describeType,
  invalidField,
  isWireObject,
  missingField,
  type WireObject,
} from '../shared/read-fields.js';

/** Completion fields that carry over to chat unchanged. */
const sharedFields = [
  'model',
  'max_tokens',
  'temperature',
  'top_p',
  'n',
  'stream',
  'stream_options',
  'stop',
  'presence_penalty',
  'frequency_penalty',
  'seed',
  'user',
  'logit_bias',
  'metadata',
  'models',
  'max_price',
  'sort',
];

/**
 * Legacy `POST /v1/completions` body → CanonRequest, by way of the chat decoder: the prompt becomes one
 * user message. Fields with no chat equivalent (`echo`, `suffix`, `best_of` above 1, `logprobs`) are
 * refused with a 400 rather than silently changing the answer; several prompts in one request likewise
 * (each would be its own chat call).
 */
export function decodeOpenAiCompletionsRequest(body: unknown): CanonRequest {
  if (!isWireObject(body)) invalidField('body', `expected a JSON object, got ${describeType(body)}.`);
  const prompt = readPrompt(body);
  if (body.echo === true)
    invalidField('echo', 'echo is not supported: completions are served by a chat model.');
  if (body.suffix !== undefined && body.suffix !== null)
    invalidField('suffix', 'suffix (insertion) is not supported: completions are served by a chat model.');
  if (typeof body.best_of === 'number' && body.best_of > 1)
    invalidField('best_of', 'best_of above 1 is not supported: completions are served by a chat model.');
  if (body.logprobs !== undefined && body.logprobs !== null)
    invalidField('logprobs', 'logprobs are not supported on /v1/completions; use /v1/chat/completions.');
  const chat: WireObject = { messages: [{ role: 'user', content: prompt }] };
  for (const field of sharedFields) if (body[field] !== undefined) chat[field] = body[field];
  return decodeOpenAiChatRequest(chat);
}

function readPrompt(body: WireObject): string {
  const prompt = body.prompt;
  if (prompt === undefined || prompt === null) missingField('prompt');
  if (typeof prompt === 'string') return prompt;
  if (Array.isArray(prompt) && prompt.length === 1 && typeof prompt[0] === 'string') return prompt[0];
  if (Array.isArray(prompt) && prompt.length > 1 && prompt.every((item) => typeof item === 'string'))
    invalidField('prompt', `send one prompt per request (got ${prompt.length}).`);
  invalidField('prompt', 'expected a string (token-id prompts are not supported).');
}
