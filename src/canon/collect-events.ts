import { GatewayError } from './errors.js';
import type { AssistantMessage } from './message.js';
import type { CanonChoice, CanonResponse, ProviderIdentity } from './response.js';
import type { CanonEvent } from './stream-event.js';
import type { CanonUsage } from './usage.js';
import type { Warning } from './warning.js';

type AssistantPart = AssistantMessage['content'][number];

interface ChoiceAccumulator {
  blocks: Map<number, AssistantPart>;
  finish?: CanonChoice['finish'];
  logprobs: unknown[];
}

/**
 * Folds a stream of events into one response (used for non-stream callers of a streamed upstream,
 * for caching and for logging). A terminal `error` event is thrown: a partial answer is never
 * presented as a complete one.
 */
export function collectEvents(events: Iterable<CanonEvent>, provider: ProviderIdentity): CanonResponse {
  const choices = new Map<number, ChoiceAccumulator>();
  const warnings: Warning[] = [];
  let usage: CanonUsage | undefined;
  let id = '';
  let model = provider.model;
  let createdAt = Math.floor(Date.now() / 1000);
  let vendor = {};
  const choiceOf = (index = 0): ChoiceAccumulator => {
    let accumulator = choices.get(index);
    if (!accumulator) {
      accumulator = { blocks: new Map(), logprobs: [] };
      choices.set(index, accumulator);
    }
    return accumulator;
  };
  for (const event of events) {
    switch (event.type) {
      case 'response-start':
        id = event.id;
        model = event.model;
        createdAt = event.createdAt;
        vendor = event.vendor ?? {};
        break;
      case 'text-start':
        choiceOf(event.choice).blocks.set(event.block, { type: 'text', text: '' });
        break;
      case 'text-delta': {
        const accumulator = choiceOf(event.choice);
        appendText(accumulator, event.block, 'text', event.text);
        if (event.logprobs !== undefined) accumulator.logprobs.push(event.logprobs);
        break;
      }
      case 'refusal-delta':
        appendText(choiceOf(event.choice), event.block, 'refusal', event.text);
        break;
      case 'reasoning-start':
        choiceOf(event.choice).blocks.set(event.block, { type: 'reasoning', text: '' });
        break;
      case 'reasoning-delta':
        appendText(choiceOf(event.choice), event.block, 'reasoning', event.text);
        break;
      case 'reasoning-end': {
        const part = choiceOf(event.choice).blocks.get(event.block);
        if (part?.type === 'reasoning') {
          if (event.signature !== undefined) part.signature = event.signature;
          if (event.redactedData !== undefined) part.redactedData = event.redactedData;
        }
        break;
      }
      case 'tool-call-start':
        choiceOf(event.choice).blocks.set(event.block, {
          type: 'tool-call',
          callId: event.callId,
          toolName: event.toolName,
          argumentsJson: '',
        });
        break;
      case 'tool-call-delta': {
        const part = choiceOf(event.choice).blocks.get(event.block);
        if (part?.type === 'tool-call') part.argumentsJson += event.argumentsDelta;
        break;
      }
      case 'finish': {
        const accumulator = choiceOf(event.choice);
        accumulator.finish = event.finish;
        if (event.logprobs !== undefined) accumulator.logprobs.push(event.logprobs);
        break;
      }
      case 'usage':
        usage = event.usage;
        break;
      case 'warning':
        warnings.push(event.warning);
        break;
      case 'error':
        throw event.error;
      default:
        break;
    }
  }
  return buildResponse({ id, model, createdAt, vendor, choices, usage, warnings, provider });
}

function appendText(
  accumulator: ChoiceAccumulator,
  block: number,
  type: 'text' | 'refusal' | 'reasoning',
  text: string,
): void {
  const part = accumulator.blocks.get(block);
  if (part && part.type === type) {
    part.text += text;
    return;
  }
  accumulator.blocks.set(block, { type, text } as AssistantPart);
}

function buildResponse(input: {
  id: string;
  model: string;
  createdAt: number;
  vendor: CanonResponse['vendor'];
  choices: Map<number, ChoiceAccumulator>;
  usage: CanonUsage | undefined;
  warnings: Warning[];
  provider: ProviderIdentity;
}): CanonResponse {
  if (input.choices.size === 0) input.choices.set(0, { blocks: new Map(), logprobs: [] });
  const choices: CanonChoice[] = [];
  for (const [index, accumulator] of [...input.choices.entries()].sort((a, b) => a[0] - b[0])) {
    if (!accumulator.finish) {
      throw new GatewayError('upstream_protocol', 'upstream stream ended without a finish reason', {
        provider: input.provider.id,
      });
    }
    const content = [...accumulator.blocks.entries()].sort((a, b) => a[0] - b[0]).map((entry) => entry[1]);
    const choice: CanonChoice = {
      index,
      message: { role: 'assistant', content },
      finish: accumulator.finish,
    };
    if (accumulator.logprobs.length > 0) choice.logprobs = mergeLogprobs(accumulator.logprobs);
    choices.push(choice);
  }
  const response: CanonResponse = {
    id: input.id,
    model: input.model,
    createdAt: input.createdAt,
    choices,
    warnings: input.warnings,
    provider: input.provider,
    vendor: input.vendor,
  };
  if (input.usage) response.usage = input.usage;
  return response;
}

/** OpenAI streams logprobs per chunk as `{content: [...]}`; the full answer concatenates them. */
function mergeLogprobs(pieces: unknown[]): unknown {
  const content: unknown[] = [];
  const refusal: unknown[] = [];
  for (const piece of pieces) {
    if (piece && typeof piece === 'object') {
      const record = piece as { content?: unknown; refusal?: unknown };
      if (Array.isArray(record.content)) content.push(...record.content);
      if (Array.isArray(record.refusal)) refusal.push(...record.refusal);
    }
  }
  return { content, refusal: refusal.length > 0 ? refusal : null };
}
