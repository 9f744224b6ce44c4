import type { CanonRequest, CanonResponse, GatewaySummary } from '../../canon/index.js';
import { encodeSummaryObject } from '../shared/encode-summary.js';
import type { WireObject } from '../shared/read-fields.js';
import { encodeOutputItems } from './encode-output-items.js';
import { createResponseId, responseIdOf } from './ids.js';
import { encodeResponsesStatus } from './map-status.js';
import { buildResponseObject } from './response-object.js';
import { responsesShape } from './vendor.js';

/**
 * What the gateway adds to a Response beyond the canonical answer. The `switchyard` summary is known
 * only to the caller of the pipeline, which passes it here (the `IngressCodec` signature has no slot).
 */
export interface ResponsesEncodeOptions {
  /** The gateway summary, rendered as a top-level `switchyard` object. */
  summary?: GatewaySummary;
}

/**
 * CanonResponse → a full Response object (`object: "response"`). Only the first choice is rendered:
 * the Responses API has no `n`. The id is the one `assignResponseId` fixed on the request, else random.
 */
export function encodeOpenAiResponsesResponse(
  response: CanonResponse,
  request: CanonRequest,
  options: ResponsesEncodeOptions = {},
): WireObject {
  const id = responseIdOf(request) ?? createResponseId();
  const choice = response.choices[0];
  const status = encodeResponsesStatus(choice?.finish ?? { unified: 'stop' });
  const body = buildResponseObject(
    {
      id,
      createdAt: response.createdAt,
      model: response.model,
      status: status.status,
      output: choice ? encodeOutputItems(choice.message, id) : [],
      error: status.error,
      incompleteDetails: status.incompleteDetails,
      completedAt: Math.floor(Date.now() / 1000),
      ...(response.usage ? { usage: response.usage } : {}),
      ...upstreamFieldsOf(response.vendor[responsesShape]),
    },
    request,
  );
  if (options.summary) body.switchyard = encodeSummaryObject(options.summary);
  return body;
}

/** Response-level fields a Responses upstream sent, as `ResponseSnapshot.upstreamFields`. */
export function upstreamFieldsOf(fields: WireObject | undefined): { upstreamFields?: WireObject } {
  return fields && Object.keys(fields).length > 0 ? { upstreamFields: fields } : {};
}
