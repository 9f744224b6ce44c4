import type { ChatRequest, ToolDefinition } from './chat-request.js';
import { createRandom, hashString, stableId } from './hash.js';
import { instanceFromSchema } from './schema-instance.js';

/** One tool call of an answer; `arguments` is the JSON text the model "wrote". */
export interface ToolCallAnswer {
  id: string;
  name: string;
  arguments: string;
}

const PARALLEL_WORDS = /\b(both|parallel)\b/i;

/**
 * Picks the tools to call for a request whose last message is from the user, or returns
 * undefined for a text answer: the forced tool, else the first one, and the first two when
 * `tool_choice` is auto, parallel calls are allowed and the user asked for "both"/"parallel".
 */
export function chooseTools(request: ChatRequest, lastUserText: string): ToolDefinition[] | undefined {
  const last = request.messages.at(-1);
  if (request.tools.length === 0 || request.toolChoice === 'none' || last?.role !== 'user') return undefined;
  const choice = request.toolChoice;
  if (typeof choice === 'object') {
    const forced = request.tools.find((tool) => tool.name === choice.name);
    return forced === undefined ? undefined : [forced];
  }
  const [first, second] = request.tools;
  if (first === undefined) return undefined;
  if (
    choice === 'auto' &&
    request.parallelToolCalls &&
    second !== undefined &&
    PARALLEL_WORDS.test(lastUserText)
  ) {
    return [first, second];
  }
  return [first];
}

/** Builds the calls with ids and arguments derived from the seed text, so they repeat exactly. */
export function buildToolCalls(tools: readonly ToolDefinition[], seedText: string): ToolCallAnswer[] {
  return tools.map((tool, position) => {
    const callSeed = `${seedText}\u0000${tool.name}\u0000${position}`;
    const argumentsValue =
      tool.parameters === undefined
        ? {}
        : instanceFromSchema(tool.parameters, createRandom(hashString(callSeed)));
    return { id: `call_${stableId(callSeed)}`, name: tool.name, arguments: JSON.stringify(argumentsValue) };
  });
}
