import type {
  ContentBlock,
  ConverseCommandInput,
  ImageFormat,
  Message,
  SystemContentBlock,
  ToolConfiguration,
  ToolResultContentBlock,
} from '@aws-sdk/client-bedrock-runtime';
import type { CanonMessage, CanonRequest, ImagePart, Warning } from '../../canon/index.js';
import { foreignFieldWarnings } from '../foreign-field-warnings.js';

/** `ext` entries Converse takes, as `additionalModelRequestFields`. */
const bedrockFamilies: ReadonlySet<string> = new Set(['bedrock']);

/** A JSON value as the SDK types it (Smithy's document type). */
type Document = ToolResultContentBlock.JsonMember['json'];

/** Values from JSON.parse or from a JSON request body are JSON documents. */
function asDocument(value: Record<string, unknown>): Document {
  return value as Document;
}

const imageFormats: Readonly<Record<string, ImageFormat>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/**
 * Canonical request → Bedrock Converse input. Bedrock wants strictly alternating user/assistant turns
 * (tool results are user content), no empty text blocks, images as bytes, and tool inputs as JSON
 * objects; sampling goes in `inferenceConfig`. Anything it cannot take is reported as a warning.
 */
export function encodeConverseRequest(
  request: CanonRequest,
  modelId: string,
): { input: ConverseCommandInput; warnings: Warning[] } {
  const warnings: Warning[] = [];
  const system: SystemContentBlock[] = [];
  const messages: Message[] = [];
  for (const message of request.messages) {
    if (message.role === 'system') {
      for (const part of message.content) if (part.text !== '') system.push({ text: part.text });
      continue;
    }
    const role = message.role === 'assistant' ? 'assistant' : 'user';
    const content = encodeContent(message, warnings);
    if (content.length === 0) continue;
    const previous = messages.at(-1);
    // Consecutive turns of one role (tool results then a user question) become one Bedrock message.
    if (previous?.role === role) previous.content = [...(previous.content ?? []), ...content];
    else messages.push({ role, content });
  }
  const input: ConverseCommandInput = { modelId, messages };
  if (system.length > 0) input.system = system;
  const { sampling } = request;
  const inferenceConfig: NonNullable<ConverseCommandInput['inferenceConfig']> = {};
  if (sampling.maxOutputTokens !== undefined) inferenceConfig.maxTokens = sampling.maxOutputTokens;
  if (sampling.temperature !== undefined) inferenceConfig.temperature = sampling.temperature;
  if (sampling.topP !== undefined) inferenceConfig.topP = sampling.topP;
  if (sampling.stopSequences) inferenceConfig.stopSequences = sampling.stopSequences;
  if (Object.keys(inferenceConfig).length > 0) input.inferenceConfig = inferenceConfig;
  const toolConfig = encodeTools(request, warnings);
  if (toolConfig) input.toolConfig = toolConfig;
  const additional: Record<string, unknown> = { ...(request.ext?.bedrock ?? {}) };
  // top_k has no Converse field; the model families that take it (Anthropic, Mistral) read it here.
  if (sampling.topK !== undefined) additional.top_k = sampling.topK;
  if (Object.keys(additional).length > 0) input.additionalModelRequestFields = asDocument(additional);
  reportUnsupported(request, warnings);
  return { input, warnings };
}

function encodeContent(
  message: Exclude<CanonMessage, { role: 'system' }>,
  warnings: Warning[],
): ContentBlock[] {
  const blocks: ContentBlock[] = [];
  switch (message.role) {
    case 'user':
      for (const part of message.content) {
        if (part.type === 'text') {
          if (part.text !== '') blocks.push({ text: part.text });
        } else if (part.type === 'image') {
          const image = encodeImage(part, warnings);
          if (image) blocks.push({ image });
        } else
          warnings.push(
            dropped('file', 'a file part was not sent (Bedrock documents need a name and format).'),
          );
      }
      return blocks;
    case 'assistant':
      for (const part of message.content) {
        if (part.type === 'text' && part.text !== '') blocks.push({ text: part.text });
        else if (part.type === 'tool-call')
          blocks.push({
            toolUse: {
              toolUseId: bedrockToolUseId(part.callId),
              name: part.toolName,
              input: parseArguments(part.argumentsJson),
            },
          });
        else if (part.type === 'reasoning' && part.signature !== undefined)
          blocks.push({
            reasoningContent: { reasoningText: { text: part.text, signature: part.signature } },
          });
      }
      return blocks;
    case 'tool':
      return message.content.map((result) => {
        const content: ToolResultContentBlock[] = [];
        for (const part of result.content) {
          if (part.type === 'text') content.push({ text: part.text });
          else {
            const image = encodeImage(part, warnings);
            if (image) content.push({ image });
          }
        }
        return {
          toolResult: {
            toolUseId: bedrockToolUseId(result.callId),
            content: content.length > 0 ? content : [{ text: '' }],
            ...(result.isError ? { status: 'error' as const } : {}),
          },
        };
      });
  }
}

function encodeImage(
  part: ImagePart,
  warnings: Warning[],
): { format: ImageFormat; source: { bytes: Uint8Array } } | undefined {
  const format = part.source.kind === 'base64' ? imageFormats[part.source.mediaType] : undefined;
  if (part.source.kind !== 'base64' || format === undefined) {
    warnings.push(
      dropped(
        'image',
        'Bedrock takes images as inline png/jpeg/gif/webp bytes only; an image by URL or of another type was not sent.',
      ),
    );
    return undefined;
  }
  return { format, source: { bytes: Buffer.from(part.source.data, 'base64') } };
}

function encodeTools(request: CanonRequest, warnings: Warning[]): ToolConfiguration | undefined {
  if (!request.tools || request.tools.length === 0) return undefined;
  const choice = request.toolChoice;
  if (choice === 'none') {
    // Converse has no "none" choice: not offering the tools has the same effect.
    warnings.push({
      code: 'parameter-changed',
      field: 'tool_choice',
      message: "tool_choice 'none': tools were not sent to Bedrock.",
    });
    return undefined;
  }
  const config: ToolConfiguration = {
    tools: request.tools.map((tool) => ({
      toolSpec: {
        name: tool.name,
        ...(tool.description === undefined ? {} : { description: tool.description }),
        inputSchema: { json: asDocument(tool.inputSchema ?? { type: 'object', properties: {} }) },
      },
    })),
  };
  // `auto` is the default and is left out: not every model family on Bedrock accepts toolChoice.
  if (choice === 'required') config.toolChoice = { any: {} };
  else if (choice !== undefined && choice !== 'auto') config.toolChoice = { tool: { name: choice.toolName } };
  return config;
}

/**
 * Bedrock accepts tool-use ids of 1-64 letters, digits, `_` and `-`. Ids from other providers are
 * rewritten the same way in the call and its result, so the pair still matches.
 */
export function bedrockToolUseId(callId: string): string {
  const cleaned = callId.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64);
  return cleaned === '' ? 'tool_call' : cleaned;
}

/** Tool-call arguments as the object Bedrock wants; text that is not a JSON object becomes `{}`. */
function parseArguments(json: string): Document {
  try {
    const parsed: unknown = JSON.parse(json === '' ? '{}' : json);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? asDocument(parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function reportUnsupported(request: CanonRequest, warnings: Warning[]): void {
  const { sampling } = request;
  if (sampling.seed !== undefined) warnings.push(dropped('seed', 'Converse has no seed.'));
  if (sampling.presencePenalty !== undefined)
    warnings.push(dropped('presence_penalty', 'Converse has no presence penalty.'));
  if (sampling.frequencyPenalty !== undefined)
    warnings.push(dropped('frequency_penalty', 'Converse has no frequency penalty.'));
  if (request.output?.type === 'json')
    warnings.push(dropped('response_format', 'Converse has no JSON mode; ask for JSON in the prompt.'));
  if (request.choiceCount !== undefined && request.choiceCount > 1)
    warnings.push(dropped('n', 'Bedrock returns one answer.'));
  warnings.push(...foreignFieldWarnings(request, bedrockFamilies, 'Bedrock Converse'));
}

function dropped(field: string, message: string): Warning {
  return { code: 'unsupported-parameter', field, message: `${field}: ${message}` };
}
