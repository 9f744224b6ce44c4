import type { CanonRequest, Warning } from '../../canon/index.js';
import { listForeignFields } from '../shared/foreign-fields.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { declarationExtrasKey } from './decode-tools.js';
import { encodeGeminiContents } from './encode-contents.js';
import { encodeGenerationConfig } from './encode-generation-config.js';
import { mergeWireObjects } from './part-extras.js';
import { skipSignatureValidator } from './thought-signatures.js';

/** How the request is sent, where upstreams differ. */
export interface GeminiEncodeOptions {
  /**
   * Put on the first function call of a model turn that has no thought signature (tool calls from other
   * providers, or from clients that dropped it). Google documents this value as the way to replay such
   * calls to Gemini 3; null sends none.
   */
  thoughtSignatureFallback?: string | null;
}

/** The upstream request: body, warnings, and the method that goes in the URL. */
export interface EncodedGeminiRequest {
  body: WireObject;
  warnings: Warning[];
  /** The URL method after `models/{model}:`. */
  path: 'generateContent' | 'streamGenerateContent';
  /** `models/{model}:{method}` (with `?alt=sse` for streams), to append to `{base}/v1beta/`. */
  urlPath: string;
}

/** Keys of `vendor.gemini` merged structurally rather than copied. */
const structuralKeys = new Set(['generationConfig', 'toolConfig', 'tools']);
/** `ext` families this egress merges into its body. */
const ownFamilies = new Set(['gemini', 'google']);

/**
 * CanonRequest → Gemini `generateContent` body for `models/{upstreamModel}`. A Gemini caller's own fields
 * (`vendor.gemini`) are restored, then `ext.gemini` and `ext.google` merged in; every canonical feature
 * or foreign field Gemini cannot carry yields one warning.
 */
export function encodeGeminiRequest(
  request: CanonRequest,
  upstreamModel: string,
  options: GeminiEncodeOptions = {},
): EncodedGeminiRequest {
  const warnings: Warning[] = [];
  const fallback =
    options.thoughtSignatureFallback === undefined
      ? skipSignatureValidator
      : options.thoughtSignatureFallback;
  const encoded = encodeGeminiContents(request.messages, warnings, fallback);
  const body: WireObject = { contents: encoded.contents };
  if (encoded.systemInstruction) body.systemInstruction = encoded.systemInstruction;
  const vendor = request.vendor.gemini ?? {};
  const tools = encodeTools(request, vendor, warnings);
  if (tools.length > 0) body.tools = tools;
  const toolConfig = encodeToolConfig(request, vendor);
  if (toolConfig) body.toolConfig = toolConfig;
  const generationConfig = encodeGenerationConfig(request, upstreamModel, warnings);
  if (isWireObject(vendor.generationConfig)) mergeWireObjects(generationConfig, vendor.generationConfig);
  if (Object.keys(generationConfig).length > 0) body.generationConfig = generationConfig;
  for (const [key, value] of Object.entries(vendor)) {
    if (!structuralKeys.has(key) && !key.startsWith('$')) body[key] = value;
  }
  for (const family of ownFamilies) {
    const extension = request.ext?.[family];
    if (extension) mergeWireObjects(body, extension);
  }
  warnUncarried(request, warnings);
  const path = request.stream ? 'streamGenerateContent' : 'generateContent';
  const modelPath = upstreamModel.includes('/') ? upstreamModel : `models/${upstreamModel}`;
  return { body, warnings, path, urlPath: `${modelPath}:${path}${request.stream ? '?alt=sse' : ''}` };
}

/** One Tool with every function declaration, then the caller's built-in tools (Gemini callers only). */
function encodeTools(request: CanonRequest, vendor: WireObject, warnings: Warning[]): WireObject[] {
  const tools: WireObject[] = [];
  const declarationExtras = isWireObject(vendor[declarationExtrasKey]) ? vendor[declarationExtrasKey] : {};
  if (request.tools && request.tools.length > 0) {
    const declarations = request.tools.map((tool) => {
      const declaration: WireObject = { name: tool.name };
      if (tool.description !== undefined) declaration.description = tool.description;
      // JSON Schema goes in `parametersJsonSchema`: `parameters` is an OpenAPI subset that rejects
      // `additionalProperties`, `$ref` and friends.
      if (tool.inputSchema !== undefined) declaration.parametersJsonSchema = tool.inputSchema;
      const extras = declarationExtras[tool.name];
      return isWireObject(extras) ? { ...declaration, ...extras } : declaration;
    });
    tools.push({ functionDeclarations: declarations });
    if (request.tools.some((tool) => tool.strict === true)) {
      warnings.push({
        code: 'unsupported-parameter',
        field: 'tools[].function.strict',
        message: 'Gemini has no strict flag on function declarations; arguments are not schema-enforced.',
      });
    }
  }
  if (Array.isArray(vendor.tools)) tools.push(...vendor.tools.filter(isWireObject));
  return tools;
}

function encodeToolConfig(request: CanonRequest, vendor: WireObject): WireObject | undefined {
  const config: WireObject = {};
  const choice = request.toolChoice;
  if (choice !== undefined && request.tools && request.tools.length > 0) {
    if (choice === 'auto') config.functionCallingConfig = { mode: 'AUTO' };
    else if (choice === 'none') config.functionCallingConfig = { mode: 'NONE' };
    else if (choice === 'required') config.functionCallingConfig = { mode: 'ANY' };
    else config.functionCallingConfig = { mode: 'ANY', allowedFunctionNames: [choice.toolName] };
  }
  if (isWireObject(vendor.toolConfig)) mergeWireObjects(config, vendor.toolConfig);
  return Object.keys(config).length > 0 ? config : undefined;
}

function warnUncarried(request: CanonRequest, warnings: Warning[]): void {
  const drop = (field: string, message: string) =>
    warnings.push({ code: 'unsupported-parameter', field, message });
  if (request.parallelToolCalls === false) {
    drop(
      'parallel_tool_calls',
      'Gemini cannot switch parallel function calls off; the model may call several.',
    );
  }
  if (request.endUser !== undefined) drop('user', 'Gemini has no end-user field; not sent upstream.');
  if (request.metadata !== undefined) drop('metadata', 'Gemini has no metadata field; not sent upstream.');
  for (const foreign of listForeignFields(request, 'gemini', ownFamilies)) {
    const message =
      foreign.kind === 'ext'
        ? `'${foreign.field}' is a ${foreign.origin} parameter; a Gemini upstream cannot take it.`
        : `'${foreign.field}' (${foreign.origin}) has no Gemini equivalent; dropped.`;
    drop(foreign.field, message);
  }
}
