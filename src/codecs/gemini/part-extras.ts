import type { VendorFields } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/**
 * Where a canonical message keeps the Gemini part fields the hub does not model (`videoMetadata`,
 * `mediaResolution`, a wire `functionCall.id`, a `fileData.mimeType` of an image, …):
 * `message.vendor.gemini.$partExtras[<canonical part index>]`. Keys starting with `$` are the codec's own
 * bookkeeping, never wire fields. Only the Gemini egress reads them back, so a Gemini → Gemini hop keeps
 * them and other shapes never see them.
 */
export const partExtrasKey = '$partExtras';

/** Canonical part index → extra wire fields of the Gemini part it came from. */
export type PartExtras = Record<string, WireObject>;

/** Accumulates the parts of one canonical message with the extras of each. */
export interface PartCollector<Part> {
  content: Part[];
  extras: PartExtras;
  push(part: Part, extras?: WireObject): void;
}

/** A collector for one message's parts. */
export function createPartCollector<Part>(): PartCollector<Part> {
  const collector: PartCollector<Part> = {
    content: [],
    extras: {},
    push(part, extras) {
      if (extras && Object.keys(extras).length > 0)
        collector.extras[String(collector.content.length)] = extras;
      collector.content.push(part);
    },
  };
  return collector;
}

/** The vendor field for a message with these extras, or undefined when there are none. */
export function vendorForExtras(extras: PartExtras): VendorFields | undefined {
  return Object.keys(extras).length > 0 ? { gemini: { [partExtrasKey]: extras } } : undefined;
}

/** The extras a message recorded, if any. */
export function readPartExtras(vendor: VendorFields | undefined): PartExtras {
  const stored = vendor?.gemini?.[partExtrasKey];
  return isWireObject(stored) ? (stored as PartExtras) : {};
}

/** Merges extras into a wire part; an object-valued extra (`functionCall`, `fileData`) merges one level deep. */
export function mergePartExtras(part: WireObject, extras: WireObject | undefined): WireObject {
  if (!extras) return part;
  for (const [key, value] of Object.entries(extras)) {
    const current = part[key];
    part[key] = isWireObject(current) && isWireObject(value) ? { ...current, ...value } : value;
  }
  return part;
}

/** Merges `source` into `target` recursively for plain objects (arrays and scalars are replaced). */
export function mergeWireObjects(target: WireObject, source: WireObject): WireObject {
  for (const [key, value] of Object.entries(source)) {
    const current = target[key];
    target[key] =
      isWireObject(current) && isWireObject(value) ? mergeWireObjects({ ...current }, value) : value;
  }
  return target;
}
