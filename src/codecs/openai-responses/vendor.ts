import type { CanonMessage, CanonRequest, VendorFields } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/** This codec's key in `vendor`. */
export const responsesShape = 'openai-responses';

/**
 * Request-level vendor keys the ingress keeps for itself and the egress interprets instead of copying:
 * `instructions` (also messages[0]), `previous_response_id` (the gateway's own id, never the upstream's),
 * `store` (sent only when true), `text`/`reasoning` (sub-fields beside the modeled ones),
 * `stream_options` (only with `stream`), `item_references` (resolved by `expandWithHistory`) and
 * `history_item_ids` (left by `expandWithHistory` for `buildStoredResponse`) and `response_id` (the id
 * the caller will be given, see `assignResponseId`).
 */
export const interpretedRequestKeys: ReadonlySet<string> = new Set([
  'instructions',
  'previous_response_id',
  'store',
  'text',
  'reasoning',
  'stream_options',
  'item_references',
  'history_item_ids',
  'response_id',
]);

/** An `item_reference` input item waiting for history expansion. */
export interface PendingItemReference {
  /** Where it was in the caller's body, for the error message. */
  param: string;
  id: string;
}

/** The request-level Responses vendor object, or an empty one. */
export function responsesVendor(fields: VendorFields | undefined): WireObject {
  return fields?.[responsesShape] ?? {};
}

/**
 * Wire fields of the Responses items a canonical message came from (`id`, `status`,
 * `encrypted_content`, unknown keys), keyed by the index of the canonical part the item became.
 * A user or system message is one item, kept under index 0.
 */
export function itemExtrasOf(message: CanonMessage, partIndex: number): WireObject | undefined {
  const items = message.vendor?.[responsesShape]?.items;
  if (!isWireObject(items)) return undefined;
  const extras = items[String(partIndex)];
  return isWireObject(extras) ? extras : undefined;
}

/** Builds a message `vendor` from per-part item extras; undefined when there are none. */
export function vendorFromItemExtras(items: Map<number, WireObject>): VendorFields | undefined {
  if (items.size === 0) return undefined;
  const record: WireObject = {};
  for (const [index, extras] of items) record[String(index)] = extras;
  return { [responsesShape]: { items: record } };
}

/** Reads the pending item references the ingress decoder recorded. */
export function pendingItemReferences(fields: VendorFields | undefined): PendingItemReference[] {
  const list = responsesVendor(fields).item_references;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (entry): entry is PendingItemReference =>
      isWireObject(entry) && typeof entry.id === 'string' && typeof entry.param === 'string',
  );
}

/**
 * 1 when `messages[0]` is still the system message decoded from `instructions`, else 0. Compared by
 * text, so a system message a guardrail put first is never mistaken for the caller's instructions.
 */
export function instructionsMessageCount(request: CanonRequest): 0 | 1 {
  const instructions = responsesVendor(request.vendor).instructions;
  const first = request.messages[0];
  if (typeof instructions !== 'string' || first?.role !== 'system') return 0;
  return first.content.map((part) => part.text).join('') === instructions ? 1 : 0;
}
