import {
  type AssistantMessage,
  type CanonChoice,
  type CanonResponse,
  GatewayError,
  type ProviderIdentity,
  type Warning,
} from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { createResponseCallIds } from './call-ids.js';
import { decodeGeminiErrorObject } from './map-error.js';
import { mapGeminiBlockReason, mapGeminiFinishReason } from './map-finish-reason.js';
import { decodeGeminiLogprobs } from './map-logprobs.js';
import { mapGeminiUsage } from './map-usage.js';

/** Vendor key for per-candidate fields the hub does not model (`safetyRatings`, `citationMetadata`, …). */
export const candidateExtrasKey = '$candidates';

const knownTopLevel = new Set([
  'candidates',
  'promptFeedback',
  'usageMetadata',
  'modelVersion',
  'responseId',
]);
const knownCandidate = new Set(['content', 'finishReason', 'index', 'logprobsResult']);

type AssistantPart = AssistantMessage['content'][number];

/**
 * Gemini `GenerateContentResponse` → CanonResponse. Candidates become choices; a prompt blocked with no
 * candidates is a 'content-filter' finish with empty content (never an empty success). Function calls
 * get made-up ids (see call-ids.ts). `promptFeedback`, per-candidate extras and unknown top-level fields
 * travel in `vendor.gemini` for a Gemini caller.
 */
export function decodeGeminiResponse(body: unknown, provider: ProviderIdentity): CanonResponse {
  if (!isWireObject(body)) throw protocolError(provider, 'upstream answer is not a JSON object');
  if (body.error !== undefined) throw decodeGeminiErrorObject(body, provider);
  const responseId = typeof body.responseId === 'string' ? body.responseId : undefined;
  const warnings: Warning[] = [];
  const vendor: WireObject = {};
  for (const [key, value] of Object.entries(body)) if (!knownTopLevel.has(key)) vendor[key] = value;
  if (body.promptFeedback !== undefined) vendor.promptFeedback = body.promptFeedback;
  const candidates = Array.isArray(body.candidates) ? body.candidates.filter(isWireObject) : [];
  let choices: CanonChoice[];
  if (candidates.length === 0) {
    const blockReason = readBlockReason(body.promptFeedback);
    if (blockReason === undefined) throw protocolError(provider, 'upstream answer has no candidates');
    choices = [
      { index: 0, message: { role: 'assistant', content: [] }, finish: mapGeminiBlockReason(blockReason) },
    ];
  } else {
    const nextCallId = createResponseCallIds(responseId);
    const extras: Record<string, WireObject> = {};
    choices = candidates.map((candidate, position) => {
      const choice = decodeCandidate(candidate, position, nextCallId, warnings);
      const candidateExtras: WireObject = {};
      for (const [key, value] of Object.entries(candidate)) {
        if (!knownCandidate.has(key)) candidateExtras[key] = value;
      }
      if (Object.keys(candidateExtras).length > 0) extras[String(choice.index)] = candidateExtras;
      return choice;
    });
    if (Object.keys(extras).length > 0) vendor[candidateExtrasKey] = extras;
  }
  const response: CanonResponse = {
    id: responseId ?? '',
    model: typeof body.modelVersion === 'string' ? body.modelVersion : provider.model,
    createdAt: readCreatedAt(body.createTime),
    choices,
    warnings,
    provider,
    vendor: Object.keys(vendor).length > 0 ? { gemini: vendor } : {},
  };
  const usage = mapGeminiUsage(body.usageMetadata);
  if (usage) response.usage = usage;
  return response;
}

function decodeCandidate(
  candidate: WireObject,
  position: number,
  nextCallId: (name: string) => string,
  warnings: Warning[],
): CanonChoice {
  const parts =
    isWireObject(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
  const content = decodeCandidateParts(parts, nextCallId, warnings);
  const calledTools = content.some((part) => part.type === 'tool-call');
  const raw = typeof candidate.finishReason === 'string' ? candidate.finishReason : undefined;
  const choice: CanonChoice = {
    index: typeof candidate.index === 'number' ? candidate.index : position,
    message: { role: 'assistant', content },
    finish: mapGeminiFinishReason(raw, calledTools),
  };
  const logprobs = decodeGeminiLogprobs(candidate.logprobsResult);
  if (logprobs) choice.logprobs = logprobs;
  return choice;
}

/**
 * Model parts → canonical parts, leniently: thought parts → reasoning; a signature on another part →
 * an empty reasoning part before it; function calls → tool calls; parts the hub cannot carry (images,
 * code execution) → one warning each.
 */
export function decodeCandidateParts(
  parts: unknown[],
  nextCallId: (name: string) => string,
  warnings: Warning[],
): AssistantPart[] {
  const content: AssistantPart[] = [];
  for (const part of parts) {
    if (!isWireObject(part)) continue;
    const signature = typeof part.thoughtSignature === 'string' ? part.thoughtSignature : undefined;
    const text = typeof part.text === 'string' ? part.text : undefined;
    if (part.thought === true) {
      content.push({
        type: 'reasoning',
        text: text ?? '',
        ...(signature === undefined ? {} : { signature }),
      });
      continue;
    }
    if (signature !== undefined) content.push({ type: 'reasoning', text: '', signature });
    if (text !== undefined) {
      if (text !== '') content.push({ type: 'text', text });
    } else if (isWireObject(part.functionCall) && typeof part.functionCall.name === 'string') {
      const call = part.functionCall;
      const name = call.name as string;
      content.push({
        type: 'tool-call',
        callId: typeof call.id === 'string' && call.id !== '' ? call.id : nextCallId(name),
        toolName: name,
        argumentsJson: JSON.stringify(isWireObject(call.args) ? call.args : {}),
      });
    } else if (hasUncarriedData(part)) {
      warnings.push(uncarriedPartWarning(part));
    }
  }
  return content;
}

/** Part fields that are metadata, not content. */
const metadataFields = new Set([
  'thought',
  'thoughtSignature',
  'partMetadata',
  'videoMetadata',
  'mediaResolution',
]);

/** A part with content other than text or a function call (image, code execution, …). */
export function hasUncarriedData(part: WireObject): boolean {
  return Object.keys(part).some((key) => !metadataFields.has(key) && part[key] !== undefined);
}

/** One warning for a part kind the hub cannot carry in an answer. */
export function uncarriedPartWarning(part: WireObject): Warning {
  const kind = Object.keys(part).find((key) => !metadataFields.has(key)) ?? 'part';
  return {
    code: 'unsupported-output',
    field: kind,
    message: `The upstream answered with a '${kind}' part, which the gateway cannot pass on; dropped.`,
  };
}

function readBlockReason(feedback: unknown): string | undefined {
  return isWireObject(feedback) && typeof feedback.blockReason === 'string'
    ? feedback.blockReason
    : undefined;
}

function readCreatedAt(createTime: unknown): number {
  const parsed = typeof createTime === 'string' ? Date.parse(createTime) : Number.NaN;
  return Math.floor((Number.isNaN(parsed) ? Date.now() : parsed) / 1000);
}

function protocolError(provider: ProviderIdentity, message: string): GatewayError {
  return new GatewayError('upstream_protocol', `${provider.id}: ${message}`, {
    provider: provider.id,
    upstreamModel: provider.model,
  });
}
