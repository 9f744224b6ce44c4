import type { CanonRequest } from '../../canon/index.js';
import type { RouteParams } from '../codec.js';
import { decodeExtensions } from '../shared/decode-extensions.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  isWireObject,
  joinPath,
  missingField,
  type WireObject,
} from '../shared/read-fields.js';
import { decodeGeminiContents, decodeSystemInstruction } from './decode-contents.js';
import { decodeGenerationConfig } from './decode-generation-config.js';
import { declarationExtrasKey, decodeGeminiToolConfig, decodeGeminiTools } from './decode-tools.js';
import { isAbsent, pickUnknownFields, readField } from './wire-fields.js';

/** Top-level fields the codec reads; everything else (`cachedContent`, `labels`, …) goes to `vendor.gemini`. */
const knownFields: ReadonlySet<string> = new Set([
  'model',
  'contents',
  'systemInstruction',
  'generationConfig',
  'tools',
  'toolConfig',
  'safetySettings',
  // Provider-specific parameters and gateway options (decode-extensions.ts).
  'ext',
]);

/**
 * Gemini `generateContent` body → CanonRequest. The model and streaming come from the URL
 * (`models/{model}:streamGenerateContent`) through `route`. Both camelCase and snake_case field names are
 * accepted. What the hub does not model is kept in `request.vendor.gemini`:
 * - unknown top-level fields, and `safetySettings` (validated, then carried);
 * - `generationConfig` / `toolConfig` fields without a canonical form, under those keys;
 * - built-in tools (`googleSearch`, `codeExecution`, …) under `tools`, declaration extras under
 *   `$functionDeclarations` (by function name);
 * - per-part extras on each message (see part-extras.ts).
 * Throws GatewayError('invalid_request') naming the field, e.g. `contents[1].parts[0].functionCall.name`
 * (prefixed with `basePath` for a request nested in another body, as countTokens does).
 */
export function decodeGeminiRequest(body: unknown, route: RouteParams = {}, basePath = ''): CanonRequest {
  if (!isWireObject(body)) {
    invalidField(basePath || 'body', `expected a JSON object, got ${describeType(body)}.`);
  }
  const at = (field: { key: string }) => joinPath(basePath, field.key);
  const model = readModel(body, route, basePath);
  const stream = route.stream ?? false;
  const systemField = readField(body, 'systemInstruction');
  const system = decodeSystemInstruction(systemField.value, at(systemField));
  const contents = readField(body, 'contents');
  const messages = decodeGeminiContents(contents.value, at(contents));
  const toolsField = readField(body, 'tools');
  const tools = decodeGeminiTools(toolsField.value, at(toolsField));
  const toolConfigField = readField(body, 'toolConfig');
  const toolConfig = decodeGeminiToolConfig(toolConfigField.value, tools.tools, at(toolConfigField));
  const configField = readField(body, 'generationConfig');
  const generation = decodeGenerationConfig(configField.value, at(configField));
  const request: CanonRequest = {
    model,
    messages: system ? [system, ...messages] : messages,
    sampling: generation.sampling,
    stream,
    // Gemini streams always carry usageMetadata; a Gemini caller always gets it.
    streamUsage: stream,
    vendor: {},
  };
  if (tools.tools) request.tools = tools.tools;
  if (toolConfig.toolChoice !== undefined) request.toolChoice = toolConfig.toolChoice;
  if (generation.output) request.output = generation.output;
  if (generation.reasoning) request.reasoning = generation.reasoning;
  if (generation.choiceCount !== undefined) request.choiceCount = generation.choiceCount;
  if (generation.logprobs) request.logprobs = generation.logprobs;
  if (basePath === '') decodeExtensions(body, request);
  const vendor: WireObject = pickUnknownFields(body, knownFields) ?? {};
  const safety = readField(body, 'safetySettings');
  if (!isAbsent(safety)) vendor.safetySettings = decodeSafetySettings(safety.value, at(safety));
  if (generation.extras) vendor.generationConfig = generation.extras;
  if (toolConfig.extras) vendor.toolConfig = toolConfig.extras;
  if (tools.builtInTools) vendor.tools = tools.builtInTools;
  if (tools.declarationExtras) vendor[declarationExtrasKey] = tools.declarationExtras;
  if (Object.keys(vendor).length > 0) request.vendor = { gemini: vendor };
  return request;
}

function readModel(body: WireObject, route: RouteParams, basePath: string): string {
  const fromBody = readField(body, 'model');
  const modelPath = joinPath(basePath, fromBody.key);
  const raw = route.model ?? (isAbsent(fromBody) ? undefined : expectString(fromBody.value, modelPath));
  if (raw === undefined) missingField(modelPath);
  const model = raw.startsWith('models/') ? raw.slice('models/'.length) : raw;
  if (model.length === 0) invalidField(modelPath, 'expected a non-empty model name.');
  return model;
}

/** Checked for shape only: thresholds and categories are Google's to judge. */
function decodeSafetySettings(value: unknown, path: string): unknown[] {
  const list = expectArray(value, path);
  list.forEach((item, index) => {
    const settingPath = `${path}[${index}]`;
    const setting = expectObject(item, settingPath);
    for (const name of ['category', 'threshold']) {
      const field = readField(setting, name);
      if (isAbsent(field)) missingField(joinPath(settingPath, name));
      expectString(field.value, joinPath(settingPath, field.key));
    }
  });
  return list;
}
