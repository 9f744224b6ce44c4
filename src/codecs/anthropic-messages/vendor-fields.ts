import type { VendorFields } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/** This codec's key in `vendor` maps. */
export const anthropicShape = 'anthropic-messages';

/**
 * Reserved keys in `request.vendor['anthropic-messages']` that are not top-level wire fields; every
 * other key there is an unknown top-level field restored verbatim.
 * - `server_tools`: server tools (`web_search_…`, `bash_…`), which the hub cannot model, kept as sent
 *   and appended after the function tools on an Anthropic egress.
 * - `tool_extras`: unknown keys of each function tool (`cache_control`, `type: "custom"`), aligned with
 *   `request.tools` by index (null where a tool had none).
 */
export const serverToolsKey = 'server_tools';
export const toolExtrasKey = 'tool_extras';
const reservedRequestKeys: ReadonlySet<string> = new Set([serverToolsKey, toolExtrasKey]);

/**
 * Reserved key in a message's `vendor['anthropic-messages']`: unknown keys of its content blocks
 * (`cache_control` on an image or a tool result, `citations`, a document's `context`), keyed by the
 * index of the canonical part they belong to.
 */
export const contentExtrasKey = 'content_extras';

/** The caller's unknown top-level fields, without the reserved keys. */
export function topLevelVendorFields(vendor: VendorFields): WireObject {
  const own = vendor[anthropicShape] ?? {};
  const fields: WireObject = {};
  for (const key in own) if (!reservedRequestKeys.has(key)) fields[key] = own[key];
  return fields;
}

/** Unknown block keys of one canonical message, by part index. */
export function contentExtrasOf(vendor: VendorFields | undefined): Record<string, WireObject> {
  const extras = vendor?.[anthropicShape]?.[contentExtrasKey];
  return isWireObject(extras) ? (extras as Record<string, WireObject>) : {};
}

/**
 * Restores the caller's own fields: a new key is copied; where the gateway already computed an object
 * (`thinking`, `metadata`, `output_config`) the caller's extra sub-keys join it, the computed values
 * winning (they reflect the canonical request, which a shield may have rewritten).
 */
export function mergeVendorFields(body: WireObject, fields: WireObject): void {
  for (const key in fields) {
    const computed = body[key];
    const restored = fields[key];
    if (isWireObject(computed) && isWireObject(restored)) body[key] = { ...restored, ...computed };
    else if (computed === undefined) body[key] = restored;
  }
}

/**
 * Merges `request.ext.anthropic`: explicit provider parameters from the operator or caller, which win
 * over computed values (objects are merged key by key, anything else replaced).
 */
export function mergeExtensionFields(body: WireObject, fields: WireObject): void {
  for (const key in fields) {
    const computed = body[key];
    const given = fields[key];
    body[key] = isWireObject(computed) && isWireObject(given) ? { ...computed, ...given } : given;
  }
}
