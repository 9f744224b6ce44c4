import { type CanonResponse, GatewayError, type ProviderIdentity } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';
import { decodeOutputItems } from './decode-output-items.js';
import { decodeResponsesFailure } from './map-error.js';
import { mapResponsesStatus } from './map-status.js';
import { mapResponsesUsage } from './map-usage.js';
import { responsesShape } from './vendor.js';

/** Response-level fields worth handing back to a Responses caller. */
const keptResponseFields: ReadonlySet<string> = new Set(['service_tier']);

/** An upstream Response object → CanonResponse. A `failed` Response is the upstream's error. */
export function decodeOpenAiResponsesResponse(body: unknown, provider: ProviderIdentity): CanonResponse {
  if (!isWireObject(body) || !Array.isArray(body.output)) {
    throw protocolError(provider, 'upstream answer is not a Response object with an output array');
  }
  const status = typeof body.status === 'string' ? body.status : 'completed';
  if (status === 'failed') throw decodeResponsesFailure(body.error, provider);
  if (status !== 'completed' && status !== 'incomplete') {
    throw protocolError(provider, `upstream Response has status '${status}', not a finished answer`);
  }
  const output = decodeOutputItems(body.output);
  const incomplete = isWireObject(body.incomplete_details) ? body.incomplete_details.reason : undefined;
  const response: CanonResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : provider.model,
    createdAt: typeof body.created_at === 'number' ? body.created_at : Math.floor(Date.now() / 1000),
    choices: [
      {
        index: 0,
        message: output.message,
        finish: mapResponsesStatus(
          status,
          typeof incomplete === 'string' ? incomplete : undefined,
          output.hasToolCalls,
        ),
      },
    ],
    warnings: output.warnings,
    provider,
    vendor: {},
  };
  const usage = mapResponsesUsage(body.usage);
  if (usage) response.usage = usage;
  const kept = keptFields(body);
  if (kept) response.vendor = { [responsesShape]: kept };
  return response;
}

/** The response-level fields a Responses caller gets back, when the upstream sent any. */
export function keptFields(body: WireObject): WireObject | undefined {
  const kept: WireObject = {};
  for (const key of keptResponseFields)
    if (body[key] !== undefined && body[key] !== null) kept[key] = body[key];
  return Object.keys(kept).length > 0 ? kept : undefined;
}

export function protocolError(provider: ProviderIdentity, message: string): GatewayError {
  return new GatewayError('upstream_protocol', `${provider.id}: ${message}`, {
    provider: provider.id,
    upstreamModel: provider.model,
  });
}
