import type { CanonRequest, ShapeId } from '../../canon/index.js';
import { isWireObject } from './read-fields.js';

/** A caller field an egress codec cannot send: another shape's field, or another provider's `ext` entry. */
export interface ForeignField {
  /** As the caller named it: `service_tier`, `messages[2].cache_control`, `ext.anthropic.top_k`. */
  field: string;
  /** The API shape (vendor fields) or provider family (`ext`) it belongs to. */
  origin: string;
  kind: 'vendor' | 'ext';
}

/**
 * Request-level vendor keys that are gateway state or already translated, per origin shape: reporting
 * them would warn about something the gateway did honour. Responses: `instructions` became the system
 * message, `previous_response_id`/`store`/`item_references`/`history_item_ids`/`response_id` are the
 * gateway's own turn history, `stream_options` only tunes the gateway's own stream encoding.
 */
const handledByGateway: Partial<Record<ShapeId, ReadonlySet<string>>> = {
  'openai-responses': new Set([
    'instructions',
    'previous_response_id',
    'store',
    'stream_options',
    'item_references',
    'history_item_ids',
    'response_id',
  ]),
};

/**
 * Message vendor keys that hold per-part extras, per shape: their inner keys are the caller's fields.
 * Responses item extras also hold the item's identity (`id`, `status`), which is not a parameter.
 */
const perPartContainers: Partial<Record<ShapeId, { key: string; skip: ReadonlySet<string> }>> = {
  'openai-responses': { key: 'items', skip: new Set(['id', 'status', 'type']) },
  'anthropic-messages': { key: 'content_extras', skip: new Set() },
};

/**
 * Every field of another API shape (`vendor`) or another provider family (`ext`) the request carries,
 * for an egress that speaks `ownShape` and merges the `ext` entries of `ownFamilies`. Keys starting with
 * `$` are a codec's private bookkeeping (Gemini's `$partExtras`, `$functionDeclarations`), not caller
 * fields, and are never reported.
 */
export function listForeignFields(
  request: CanonRequest,
  ownShape: ShapeId,
  ownFamilies: ReadonlySet<string>,
): ForeignField[] {
  const found: ForeignField[] = [];
  for (const [shape, fields] of Object.entries(request.vendor)) {
    if (shape === ownShape || !fields) continue;
    const handled = handledByGateway[shape as ShapeId];
    for (const key of Object.keys(fields)) {
      if (key.startsWith('$') || handled?.has(key)) continue;
      found.push({ field: key, origin: shape, kind: 'vendor' });
    }
  }
  request.messages.forEach((message, index) => {
    for (const [shape, fields] of Object.entries(message.vendor ?? {})) {
      if (shape === ownShape || !fields) continue;
      for (const key of messageKeys(shape, fields)) {
        found.push({ field: `messages[${index}].${key}`, origin: shape, kind: 'vendor' });
      }
    }
  });
  for (const [family, parameters] of Object.entries(request.ext ?? {})) {
    if (ownFamilies.has(family)) continue;
    for (const key of Object.keys(parameters)) {
      found.push({ field: `ext.${family}.${key}`, origin: family, kind: 'ext' });
    }
  }
  return found;
}

/** A message's foreign keys; per-part containers are looked into. */
function messageKeys(shape: string, fields: Record<string, unknown>): string[] {
  const keys = new Set<string>();
  const container = perPartContainers[shape as ShapeId];
  for (const [key, value] of Object.entries(fields)) {
    if (key.startsWith('$')) continue;
    if (container?.key === key && isWireObject(value)) {
      for (const extras of Object.values(value)) {
        if (!isWireObject(extras)) continue;
        for (const inner of Object.keys(extras)) if (!container.skip.has(inner)) keys.add(inner);
      }
      continue;
    }
    keys.add(key);
  }
  return [...keys];
}
