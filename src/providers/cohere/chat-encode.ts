import type {
  CanonMessage,
  CanonRequest,
  CanonTool,
  ImagePart,
  TextPart,
  Warning,
} from '../../canon/index.js';
import { encodeDataUrl } from '../../codecs/shared/data-url.js';
import { foreignFieldWarnings } from '../foreign-field-warnings.js';

/** `ext` entries a Cohere body takes (the adapter folds preset and provider names into this one). */
const cohereFamilies: ReadonlySet<string> = new Set(['cohere']);

type WireObject = Record<string, unknown>;

/**
 * Canonical request → Cohere v2 chat body (`POST /v2/chat`). Cohere's roles are system, user, assistant
 * and tool (one message per tool result); tool calls and arguments use OpenAI's function shape; sampling
 * names differ (`p`, `k`, `stop_sequences`). Anything without an equivalent is reported as a warning.
 */
export function encodeCohereChatRequest(
  request: CanonRequest,
  upstreamModel: string,
): { body: WireObject; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const body: WireObject = {
    model: upstreamModel,
    messages: request.messages.flatMap((message) => encodeMessage(message, warnings)),
    stream: request.stream,
  };
  const sampling = request.sampling;
  setIfDefined(body, 'max_tokens', sampling.maxOutputTokens);
  setIfDefined(body, 'temperature', sampling.temperature);
  setIfDefined(body, 'p', sampling.topP);
  setIfDefined(body, 'k', sampling.topK);
  setIfDefined(body, 'seed', sampling.seed);
  setIfDefined(body, 'presence_penalty', sampling.presencePenalty);
  setIfDefined(body, 'frequency_penalty', sampling.frequencyPenalty);
  if (sampling.stopSequences) body.stop_sequences = sampling.stopSequences;
  encodeTools(request, body, warnings);
  if (request.output?.type === 'json') {
    body.response_format =
      request.output.schema === undefined
        ? { type: 'json_object' }
        : { type: 'json_object', json_schema: request.output.schema };
  }
  if (request.choiceCount !== undefined && request.choiceCount > 1)
    warnings.push(unsupported('n', 'Cohere returns one answer per request; n was not sent.'));
  if (request.logprobs?.enabled)
    warnings.push(unsupported('logprobs', 'Cohere chat has no log probabilities.'));
  if (request.reasoning)
    warnings.push(unsupported('reasoning', 'reasoning settings were not sent to Cohere.'));
  const extension = request.ext?.cohere;
  if (extension) Object.assign(body, extension);
  warnings.push(...foreignFieldWarnings(request, cohereFamilies, 'Cohere chat'));
  return { body, warnings };
}

function encodeMessage(message: CanonMessage, warnings: Warning[]): WireObject[] {
  switch (message.role) {
    case 'system':
      return [{ role: 'system', content: joinText(message.content) }];
    case 'user': {
      const content: WireObject[] = [];
      for (const part of message.content) {
        if (part.type === 'text') content.push({ type: 'text', text: part.text });
        else if (part.type === 'image') content.push(encodeImage(part));
        else warnings.push(unsupported('file', 'Cohere chat does not take files; a file part was dropped.'));
      }
      return [{ role: 'user', content }];
    }
    case 'assistant': {
      const wire: WireObject = { role: 'assistant' };
      const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
      const calls = message.content.flatMap((part) =>
        part.type === 'tool-call'
          ? [
              {
                id: part.callId,
                type: 'function',
                function: { name: part.toolName, arguments: part.argumentsJson },
              },
            ]
          : [],
      );
      if (calls.length > 0) {
        wire.tool_calls = calls;
        // Cohere keeps the model's plan for the calls apart from the answer text.
        if (text !== '') wire.tool_plan = text;
      } else {
        wire.content = [{ type: 'text', text }];
      }
      return [wire];
    }
    case 'tool':
      return message.content.map((result) => ({
        role: 'tool',
        tool_call_id: result.callId,
        content: [{ type: 'text', text: toolResultText(result.content, result.isError) }],
      }));
  }
}

function encodeImage(part: ImagePart): WireObject {
  const url =
    part.source.kind === 'url'
      ? part.source.url
      : part.source.kind === 'base64'
        ? encodeDataUrl(part.source.mediaType, part.source.data)
        : part.source.fileId;
  return { type: 'image_url', image_url: { url, ...(part.detail ? { detail: part.detail } : {}) } };
}

function toolResultText(content: Array<TextPart | ImagePart>, isError: boolean | undefined): string {
  const text = content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
  return isError ? `Error: ${text}` : text;
}

function encodeTools(request: CanonRequest, body: WireObject, warnings: Warning[]): void {
  if (!request.tools || request.tools.length === 0) return;
  let tools: CanonTool[] = request.tools;
  const choice = request.toolChoice;
  if (choice === 'none') body.tool_choice = 'NONE';
  else if (choice === 'required') body.tool_choice = 'REQUIRED';
  else if (choice !== undefined && choice !== 'auto') {
    // Cohere cannot name the tool to call: offering only that tool, required, has the same effect.
    tools = request.tools.filter((tool) => tool.name === choice.toolName);
    body.tool_choice = 'REQUIRED';
    warnings.push({
      code: 'parameter-changed',
      field: 'tool_choice',
      message: `Cohere cannot force one tool; only '${choice.toolName}' was offered, with tool_choice REQUIRED.`,
    });
  }
  body.tools = tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      ...(tool.description === undefined ? {} : { description: tool.description }),
      parameters: tool.inputSchema ?? { type: 'object', properties: {} },
    },
  }));
  if (request.parallelToolCalls === false)
    warnings.push(unsupported('parallel_tool_calls', 'Cohere has no switch for parallel tool calls.'));
}

function joinText(parts: TextPart[]): string {
  return parts.map((part) => part.text).join('\n');
}

function setIfDefined(body: WireObject, key: string, value: number | undefined): void {
  if (value !== undefined) body[key] = value;
}

function unsupported(field: string, message: string): Warning {
  return { code: 'unsupported-parameter', field, message };
}
