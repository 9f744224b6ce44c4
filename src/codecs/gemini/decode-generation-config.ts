import type { CanonOutputFormat, CanonRequest, CanonSampling } from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  type WireObject,
} from '../shared/read-fields.js';
import { convertOpenApiSchema } from './convert-schema.js';
import {
  isAbsent,
  pickUnknownFields,
  readBoolean,
  readField,
  readNumber,
  readString,
} from './wire-fields.js';

/** What `generationConfig` sets on the canonical request; `extras` travel in `vendor.gemini.generationConfig`. */
export interface DecodedGenerationConfig {
  sampling: CanonSampling;
  output?: CanonOutputFormat;
  reasoning?: CanonRequest['reasoning'];
  choiceCount?: number;
  logprobs?: CanonRequest['logprobs'];
  extras?: WireObject;
}

const knownFields: ReadonlySet<string> = new Set([
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
  'thinkingConfig',
]);

const thinkingLevels = new Set(['MINIMAL', 'LOW', 'MEDIUM', 'HIGH']);

/** `generationConfig` → sampling, output format, reasoning, candidate count and logprobs. */
export function decodeGenerationConfig(value: unknown, path: string): DecodedGenerationConfig {
  if (value === undefined || value === null) return { sampling: {} };
  const config = expectObject(value, path);
  const decoded: DecodedGenerationConfig = { sampling: decodeSampling(config, path) };
  const extras = pickUnknownFields(config, knownFields) ?? {};
  const candidateCount = readNumber(config, 'candidateCount', path, { integer: true, min: 1, max: 8 });
  if (candidateCount !== undefined) decoded.choiceCount = candidateCount;
  const output = decodeOutput(config, path, extras);
  if (output) decoded.output = output;
  const thinking = decodeThinking(config, path);
  if (thinking.reasoning) decoded.reasoning = thinking.reasoning;
  if (thinking.extras) extras.thinkingConfig = thinking.extras;
  const enabled = readBoolean(config, 'responseLogprobs', path);
  const top = readNumber(config, 'logprobs', path, { integer: true, min: 0, max: 20 });
  if (enabled !== undefined || top !== undefined) {
    decoded.logprobs = { enabled: enabled ?? true, ...(top === undefined ? {} : { top }) };
  }
  if (Object.keys(extras).length > 0) decoded.extras = extras;
  return decoded;
}

function decodeSampling(config: WireObject, path: string): CanonSampling {
  const sampling: CanonSampling = {};
  const set = <Key extends keyof CanonSampling>(key: Key, value: CanonSampling[Key] | undefined) => {
    if (value !== undefined) sampling[key] = value;
  };
  set('maxOutputTokens', readNumber(config, 'maxOutputTokens', path, { integer: true, min: 1 }));
  set('temperature', readNumber(config, 'temperature', path, { min: 0, max: 2 }));
  set('topP', readNumber(config, 'topP', path, { min: 0, max: 1 }));
  set('topK', readNumber(config, 'topK', path, { integer: true, min: 1 }));
  set('seed', readNumber(config, 'seed', path, { integer: true }));
  set('presencePenalty', readNumber(config, 'presencePenalty', path, { min: -2, max: 2 }));
  set('frequencyPenalty', readNumber(config, 'frequencyPenalty', path, { min: -2, max: 2 }));
  const stop = readField(config, 'stopSequences');
  if (!isAbsent(stop)) {
    const stopPath = joinPath(path, stop.key);
    sampling.stopSequences = expectArray(stop.value, stopPath).map((item, index) =>
      expectString(item, `${stopPath}[${index}]`),
    );
  }
  return sampling;
}

/**
 * `responseMimeType` + `responseSchema` (OpenAPI subset, converted) or `responseJsonSchema`. Enum output
 * (`text/x.enum`) has no canonical form: it stays in the extras with its schema, untouched.
 */
function decodeOutput(config: WireObject, path: string, extras: WireObject): CanonOutputFormat | undefined {
  const mimeType = readString(config, 'responseMimeType', path);
  const openApi = readField(config, 'responseSchema');
  const jsonSchema = readField(config, 'responseJsonSchema');
  if (!isAbsent(openApi) && !isAbsent(jsonSchema)) {
    invalidField(joinPath(path, jsonSchema.key), `cannot be combined with '${openApi.key}'.`);
  }
  const schemaField = isAbsent(jsonSchema) ? openApi : jsonSchema;
  if (mimeType === 'text/x.enum') {
    extras.responseMimeType = mimeType;
    if (!isAbsent(schemaField))
      extras[schemaField === openApi ? 'responseSchema' : 'responseJsonSchema'] = schemaField.value;
    return undefined;
  }
  if (!isAbsent(schemaField) && mimeType !== 'application/json') {
    invalidField(joinPath(path, schemaField.key), "requires 'responseMimeType' to be 'application/json'.");
  }
  if (mimeType === undefined) return undefined;
  if (mimeType === 'text/plain') return { type: 'text' };
  if (mimeType !== 'application/json') {
    invalidField(
      joinPath(path, readField(config, 'responseMimeType').key),
      `expected 'text/plain', 'application/json' or 'text/x.enum', got ${describeType(mimeType)}.`,
    );
  }
  if (isAbsent(schemaField)) return { type: 'json' };
  const schema = expectObject(schemaField.value, joinPath(path, schemaField.key));
  return { type: 'json', schema: schemaField === openApi ? convertOpenApiSchema(schema) : schema };
}

/**
 * `thinkingConfig`: a positive `thinkingBudget` → budgetTokens, 0 → effort 'none', `thinkingLevel` →
 * effort. `includeThoughts` and the dynamic budget (-1) have no canonical form and stay in the extras.
 */
function decodeThinking(
  config: WireObject,
  path: string,
): { reasoning?: CanonRequest['reasoning']; extras?: WireObject } {
  const field = readField(config, 'thinkingConfig');
  if (isAbsent(field)) return {};
  const thinkingPath = joinPath(path, field.key);
  const thinking = expectObject(field.value, thinkingPath);
  const extras = pickUnknownFields(thinking, new Set(['thinkingBudget', 'thinkingLevel'])) ?? {};
  const reasoning: NonNullable<CanonRequest['reasoning']> = {};
  const budget = readNumber(thinking, 'thinkingBudget', thinkingPath, { integer: true, min: -1 });
  if (budget === -1) extras.thinkingBudget = budget;
  else if (budget === 0) reasoning.effort = 'none';
  else if (budget !== undefined) reasoning.budgetTokens = budget;
  const level = readString(thinking, 'thinkingLevel', thinkingPath);
  if (level !== undefined && level !== 'THINKING_LEVEL_UNSPECIFIED') {
    if (!thinkingLevels.has(level)) {
      invalidField(
        joinPath(thinkingPath, readField(thinking, 'thinkingLevel').key),
        `expected one of 'MINIMAL', 'LOW', 'MEDIUM', 'HIGH', got ${describeType(level)}.`,
      );
    }
    reasoning.effort = level.toLowerCase() as NonNullable<typeof reasoning.effort>;
  }
  readBoolean(thinking, 'includeThoughts', thinkingPath);
  return {
    ...(Object.keys(reasoning).length > 0 ? { reasoning } : {}),
    ...(Object.keys(extras).length > 0 ? { extras } : {}),
  };
}
