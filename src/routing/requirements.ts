import type { CanonRequest, EndpointKind } from '../canon/index.js';

/** What a request needs from a deployment, derived once per request. */
export interface RequestRequirements {
  /** The endpoint being served (chat unless the request says otherwise). */
  endpoint: EndpointKind;
  tools: boolean;
  jsonSchema: boolean;
  vision: boolean;
  /** Cheap estimate (characters / 4) of prompt tokens plus the requested output limit. */
  contextTokens: number;
  promptTokens: number;
  outputTokens: number | undefined;
}

/** Reads the requirements off a canonical request without tokenizing (characters / 4 is enough to filter windows). */
export function readRequirements(request: CanonRequest): RequestRequirements {
  let characters = 0;
  let vision = false;
  for (const message of request.messages) {
    for (const part of message.content) {
      switch (part.type) {
        case 'text':
        case 'reasoning':
        case 'refusal':
          characters += part.text.length;
          break;
        case 'tool-call':
          characters += part.argumentsJson.length + part.toolName.length;
          break;
        case 'tool-result':
          for (const inner of part.content) {
            if (inner.type === 'text') characters += inner.text.length;
            else vision = true;
          }
          break;
        case 'image':
          vision = true;
          break;
        default:
          break;
      }
    }
  }
  const promptTokens = Math.ceil(characters / 4) + 3 * request.messages.length;
  const outputTokens = request.sampling.maxOutputTokens;
  return {
    endpoint: request.routing?.endpoint ?? 'chat',
    tools: (request.tools?.length ?? 0) > 0 && request.toolChoice !== 'none',
    jsonSchema: request.output?.type === 'json' && request.output.schema !== undefined,
    vision,
    promptTokens,
    outputTokens,
    contextTokens: promptTokens + (outputTokens ?? 0),
  };
}
