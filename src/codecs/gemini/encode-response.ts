import type { CanonChoice, CanonRequest, CanonResponse, GatewaySummary } from '../../canon/index.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { candidateExtrasKey } from './decode-response.js';
import { encodeAssistantParts } from './encode-assistant-parts.js';
import { encodeGeminiFinishReason } from './map-finish-reason.js';
import { encodeGeminiLogprobs } from './map-logprobs.js';
import { encodeGeminiUsage } from './map-usage.js';
import { readPartExtras } from './part-extras.js';

/**
 * CanonResponse → Gemini `GenerateContentResponse`: `candidates` (role 'model'; tool calls as whole
 * `functionCall` parts, finishing with STOP), `usageMetadata` (`candidatesTokenCount` excludes
 * thoughts), `modelVersion`, `responseId`. A prompt a Gemini upstream blocked comes back as it was: no
 * candidates, `promptFeedback.blockReason`.
 *
 * The gateway summary is not part of `IngressCodec.encodeResponse(response, request)`: pass it as the
 * third argument to get a top-level `switchyard` object (snake_case, as in the other shapes). The
 * `@google/genai` SDK drops unknown top-level fields, so SDK users read the `X-Switchyard-*` headers.
 */
export function encodeGeminiResponse(
  response: CanonResponse,
  _request?: CanonRequest,
  summary?: GatewaySummary,
): WireObject {
  const vendor = response.vendor.gemini ?? {};
  const body: WireObject = {};
  if (!isBlockedPrompt(response, vendor)) {
    const extras = isWireObject(vendor[candidateExtrasKey]) ? vendor[candidateExtrasKey] : {};
    body.candidates = response.choices.map((choice) => encodeCandidate(choice, extras[String(choice.index)]));
  }
  if (response.usage) body.usageMetadata = encodeGeminiUsage(response.usage);
  body.modelVersion = response.model;
  if (response.id !== '') body.responseId = response.id;
  for (const [key, value] of Object.entries(vendor)) if (!key.startsWith('$')) body[key] = value;
  if (summary) body.switchyard = encodeSummaryObject(summary);
  return body;
}

/** A blocked prompt from a Gemini upstream: one empty content-filter choice and the upstream's feedback. */
export function isBlockedPrompt(response: Pick<CanonResponse, 'choices'>, vendor: WireObject): boolean {
  const feedback = vendor.promptFeedback;
  const only = response.choices[0];
  return (
    isWireObject(feedback) &&
    typeof feedback.blockReason === 'string' &&
    response.choices.length === 1 &&
    only !== undefined &&
    only.message.content.length === 0 &&
    only.finish.unified === 'content-filter'
  );
}

function encodeCandidate(choice: CanonChoice, extras: unknown): WireObject {
  const { parts } = encodeAssistantParts(choice.message.content, {
    emitCallIds: true,
    extras: readPartExtras(choice.message.vendor),
  });
  const candidate: WireObject = {};
  // Gemini leaves `content` out of a candidate with nothing in it (a SAFETY stop, for instance).
  if (parts.length > 0) candidate.content = { role: 'model', parts };
  candidate.finishReason = encodeGeminiFinishReason(choice.finish);
  candidate.index = choice.index;
  const logprobs = encodeGeminiLogprobs(choice.logprobs);
  if (logprobs) candidate.logprobsResult = logprobs;
  return isWireObject(extras) ? { ...candidate, ...extras } : candidate;
}
