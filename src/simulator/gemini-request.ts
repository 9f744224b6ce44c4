import {
  type ChatRequest,
  isRecord,
  type ResponseFormat,
  type ToolChoice,
  type ToolDefinition,
} from './chat-request.js';
import type { SimulatedError } from './errors.js';
import { parseContents, parseSystemInstruction } from './gemini-contents.js';
import { geminiInvalidArgument } from './gemini-errors.js';
import { checkOpenApiSchema, fieldOf, unknownField } from './gemini-fields.js';

/** A validated generateContent request: the neutral request plus what only Gemini's rendering needs. */
export interface GeminiRequest {
  chat: ChatRequest;
  /** `thinkingConfig.includeThoughts`: thought parts are shown only when asked for, as upstream. */
  includeThoughts: boolean;
}

const REQUEST_FIELDS = new Set([
  'contents',
  'model',
  'systemInstruction',
  'tools',
  'toolConfig',
  'safetySettings',
  'generationConfig',
  'cachedContent',
  'labels',
]);
const GENERATION_FIELDS = new Set([
  'temperature',
  'topP',
  'topK',
  'candidateCount',
  'maxOutputTokens',
  'stopSequences',
  'seed',
  'presencePenalty',
  'frequencyPenalty',
  'responseMimeType',
  'responseSchema',
  'responseJsonSchema',
  'responseLogprobs',
  'logprobs',
  'responseModalities',
  'mediaResolution',
  'speechConfig',
  'thinkingConfig',
  'imageConfig',
  'audioTimestamp',
  'routingConfig',
  'modelSelectionConfig',
  'enableAffectiveDialog',
  'enableEnhancedCivicAnswers',
]);
const PREFIX = '* GenerateContentRequest';

/** Validates a generateContent body and translates it to the neutral request. */
export function parseGenerateRequest(
  body: Record<string, unknown>,
  model: string,
): GeminiRequest | SimulatedError {
  const unknown = unknownField(body, REQUEST_FIELDS);
  if (unknown !== undefined) return unknown;
  const system = parseSystemInstruction(fieldOf(body, 'systemInstruction'));
  if (!Array.isArray(system)) return system;
  const conversation = parseContents(fieldOf(body, 'contents'), 'GenerateContentRequest');
  if (!Array.isArray(conversation)) return conversation;
  const tools = parseTools(fieldOf(body, 'tools'));
  if (!Array.isArray(tools)) return tools;
  const toolChoice = parseToolConfig(fieldOf(body, 'toolConfig'), tools);
  if (typeof toolChoice === 'object' && 'status' in toolChoice) return toolChoice;
  const config = parseGenerationConfig(fieldOf(body, 'generationConfig'));
  if ('status' in config) return config;
  return {
    chat: {
      model,
      messages: [...system, ...conversation],
      stream: false,
      includeUsage: false,
      n: config.candidateCount,
      maxTokens: config.maxOutputTokens,
      stop: config.stopSequences,
      seed: config.seed,
      logprobs: false,
      topLogprobs: 0,
      tools,
      toolChoice,
      parallelToolCalls: true,
      responseFormat: config.responseFormat,
      thinking: config.thinking,
    },
    includeThoughts: config.includeThoughts,
  };
}

/** Function declarations become callable tools; other tools (`googleSearch`, ...) are accepted and never called. */
function parseTools(tools: unknown): ToolDefinition[] | SimulatedError {
  if (tools === undefined || tools === null) return [];
  if (!Array.isArray(tools)) return geminiInvalidArgument(`${PREFIX}.tools: must be a list`);
  const parsed: ToolDefinition[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isRecord(tool)) return geminiInvalidArgument(`${PREFIX}.tools[${index}]: must be an object`);
    const declarations = fieldOf(tool, 'functionDeclarations');
    if (declarations === undefined) continue;
    if (!Array.isArray(declarations)) {
      return geminiInvalidArgument(`${PREFIX}.tools[${index}].function_declarations: must be a list`);
    }
    for (const [position, declaration] of declarations.entries()) {
      const at = `tools[${index}].function_declarations[${position}]`;
      if (!isRecord(declaration) || typeof declaration.name !== 'string' || declaration.name === '') {
        return geminiInvalidArgument(`${PREFIX}.${at}.name: Name cannot be empty.`);
      }
      const parameters = fieldOf(declaration, 'parameters');
      const jsonSchema = fieldOf(declaration, 'parametersJsonSchema');
      if (parameters !== undefined && jsonSchema !== undefined) {
        return geminiInvalidArgument(
          `${PREFIX}.${at}: parameters and parameters_json_schema are mutually exclusive.`,
        );
      }
      const schemaError = checkOpenApiSchema(parameters, `${at}.parameters`);
      if (schemaError !== undefined) return schemaError;
      parsed.push({ name: declaration.name, parameters: jsonSchema ?? parameters });
    }
  }
  return parsed;
}

/** `toolConfig.functionCallingConfig`: AUTO, ANY (optionally restricted to named functions), NONE. */
function parseToolConfig(config: unknown, tools: readonly ToolDefinition[]): ToolChoice | SimulatedError {
  const automatic: ToolChoice = tools.length > 0 ? 'auto' : 'none';
  if (!isRecord(config)) return automatic;
  const calling = fieldOf(config, 'functionCallingConfig');
  if (!isRecord(calling)) return automatic;
  const mode = calling.mode ?? 'AUTO';
  const allowed = fieldOf(calling, 'allowedFunctionNames');
  switch (mode) {
    case 'AUTO':
    case 'MODE_UNSPECIFIED':
    case 'VALIDATED':
      return automatic;
    case 'NONE':
      return 'none';
    case 'ANY': {
      if (!Array.isArray(allowed) || allowed.length === 0) return tools.length > 0 ? 'required' : 'none';
      const name = allowed.find((candidate) => tools.some((tool) => tool.name === candidate));
      if (typeof name !== 'string') {
        return geminiInvalidArgument(
          `${PREFIX}.tool_config.function_calling_config.allowed_function_names: no function named ${JSON.stringify(allowed[0])} is declared.`,
        );
      }
      return { name };
    }
    default:
      return geminiInvalidArgument(
        `Invalid value at 'tool_config.function_calling_config.mode' (type.googleapis.com/google.ai.generativelanguage.v1beta.FunctionCallingConfig.Mode), "${String(mode)}"`,
      );
  }
}

interface GenerationSettings {
  candidateCount: number;
  maxOutputTokens: number | undefined;
  stopSequences: string[];
  seed: number | undefined;
  responseFormat: ResponseFormat;
  thinking: boolean;
  includeThoughts: boolean;
}

function parseGenerationConfig(config: unknown): GenerationSettings | SimulatedError {
  const settings: GenerationSettings = {
    candidateCount: 1,
    maxOutputTokens: undefined,
    stopSequences: [],
    seed: undefined,
    responseFormat: { type: 'text' },
    thinking: true,
    includeThoughts: false,
  };
  if (config === undefined || config === null) return settings;
  if (!isRecord(config)) return geminiInvalidArgument(`${PREFIX}.generation_config: must be an object`);
  const unknown = unknownField(config, GENERATION_FIELDS, 'generation_config');
  if (unknown !== undefined) return unknown;
  const count = fieldOf(config, 'candidateCount');
  if (count !== undefined) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 8) {
      return geminiInvalidArgument(
        `${PREFIX}.generation_config.candidate_count: must be in the range [1, 8].`,
      );
    }
    settings.candidateCount = count;
  }
  const maximum = fieldOf(config, 'maxOutputTokens');
  if (maximum !== undefined) {
    if (typeof maximum !== 'number' || !Number.isInteger(maximum) || maximum < 1) {
      return geminiInvalidArgument(`${PREFIX}.generation_config.max_output_tokens: must be positive.`);
    }
    settings.maxOutputTokens = maximum;
  }
  const stops = fieldOf(config, 'stopSequences');
  if (stops !== undefined) {
    if (!Array.isArray(stops) || !stops.every((stop) => typeof stop === 'string')) {
      return geminiInvalidArgument(`${PREFIX}.generation_config.stop_sequences: must be a list of strings`);
    }
    settings.stopSequences = stops.filter((stop) => stop !== '');
  }
  const seed = fieldOf(config, 'seed');
  if (typeof seed === 'number') settings.seed = seed;
  const format = parseResponseFormat(config);
  if ('status' in format) return format;
  settings.responseFormat = format;
  const thinking = fieldOf(config, 'thinkingConfig');
  if (isRecord(thinking)) {
    settings.includeThoughts = fieldOf(thinking, 'includeThoughts') === true;
    // A zero budget turns thinking off on the models that allow it.
    settings.thinking = fieldOf(thinking, 'thinkingBudget') !== 0;
  }
  return settings;
}

/** `responseMimeType` with `responseSchema` (OpenAPI style) or `responseJsonSchema` (JSON Schema). */
function parseResponseFormat(config: Record<string, unknown>): ResponseFormat | SimulatedError {
  const mimeType = fieldOf(config, 'responseMimeType') ?? 'text/plain';
  const openApiSchema = fieldOf(config, 'responseSchema');
  const jsonSchema = fieldOf(config, 'responseJsonSchema');
  const schema = jsonSchema ?? openApiSchema;
  if (mimeType !== 'text/plain' && mimeType !== 'application/json' && mimeType !== 'text/x.enum') {
    return geminiInvalidArgument(
      `${PREFIX}.generation_config.response_mime_type: allowed mimetypes are \`text/plain\`, \`application/json\` and \`text/x.enum\`.`,
    );
  }
  if (schema !== undefined && mimeType === 'text/plain') {
    return geminiInvalidArgument(
      `${PREFIX}.generation_config.response_mime_type: When response_schema is set, response_mime_type must be application/json or text/x.enum.`,
    );
  }
  if (openApiSchema !== undefined && jsonSchema !== undefined) {
    return geminiInvalidArgument(
      `${PREFIX}.generation_config: response_schema and response_json_schema are mutually exclusive.`,
    );
  }
  const schemaError = checkOpenApiSchema(openApiSchema, 'generation_config.response_schema');
  if (schemaError !== undefined) return schemaError;
  if (mimeType !== 'application/json') return { type: 'text' };
  return schema === undefined ? { type: 'json_object' } : { type: 'json_schema', schema };
}
