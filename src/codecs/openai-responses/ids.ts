import { randomBytes } from 'node:crypto';
import type { CanonRequest } from '../../canon/index.js';
import { responsesShape, responsesVendor } from './vendor.js';

/** Prefixes OpenAI uses for output item ids. */
export type OutputItemKind = 'msg' | 'fc' | 'rs';

/** A fresh, unguessable Response id (`resp_` + 32 hex digits). */
export function createResponseId(): string {
  return `resp_${randomBytes(16).toString('hex')}`;
}

/**
 * The id of the output item at `outputIndex` of response `responseId`. Derived rather than random so
 * that a streamed and a non-streamed rendering of one answer, and the copy kept for
 * `previous_response_id`, name the same items (which `item_reference` relies on).
 */
export function outputItemId(responseId: string, kind: OutputItemKind, outputIndex: number): string {
  const suffix = responseId.startsWith('resp_') ? responseId.slice(5) : responseId;
  return `${kind}_${suffix}_${outputIndex}`;
}

/**
 * Fixes the Response id the caller will be given, so the same id can be used to store the turn for
 * `previous_response_id`. Kept in the request's Responses vendor (never sent upstream); both encoders
 * and `buildStoredResponse` read it. Assign it after any cache key was computed from the request.
 */
export function assignResponseId(request: CanonRequest, id: string = createResponseId()): CanonRequest {
  const vendor = { ...responsesVendor(request.vendor), response_id: id };
  return { ...request, vendor: { ...request.vendor, [responsesShape]: vendor } };
}

/** The Response id assigned to this request, if any. */
export function responseIdOf(request: CanonRequest): string | undefined {
  const id = responsesVendor(request.vendor).response_id;
  return typeof id === 'string' ? id : undefined;
}
