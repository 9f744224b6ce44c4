import { type CatalogEntry, computeCostMicros } from '../catalog/index.js';
import type { EndpointUsage } from './types.js';

/**
 * The cost of one non-chat call in integer micro-dollars, or null when the price it needs is unknown.
 * A call billed by a unit (images, characters, seconds of audio, search units) uses that unit's price;
 * otherwise tokens are priced like chat (embeddings: input tokens only).
 */
export function computeEndpointCostMicros(
  usage: EndpointUsage,
  entry: CatalogEntry | undefined,
): number | null {
  if (!entry) return null;
  const prices = entry.unitPrices;
  if (usage.images !== undefined) return times(usage.images, prices.imageMicros, 1);
  if (usage.characters !== undefined)
    return times(usage.characters, prices.millionCharactersMicros, 1_000_000);
  if (usage.seconds !== undefined) return times(usage.seconds, prices.minuteMicros, 60);
  if (usage.searchUnits !== undefined) return times(usage.searchUnits, prices.searchUnitMicros, 1);
  const price = entry.price;
  // An embedding or moderation model bills no output: an unknown output price must not hide the cost.
  const outputPrice =
    (usage.outputTokens ?? 0) === 0 ? (price.outputMicrosPerMillion ?? 0) : price.outputMicrosPerMillion;
  return computeCostMicros(
    { input: { total: usage.inputTokens ?? 0 }, output: { total: usage.outputTokens ?? 0 } },
    { ...price, outputMicrosPerMillion: outputPrice },
  );
}

/** count × price / per, rounded half-up once; exact for any realistic count. */
function times(count: number, microsPerUnit: number | null, per: number): number | null {
  if (microsPerUnit === null) return null;
  const safeCount = Number.isFinite(count) && count > 0 ? count : 0;
  return Math.round((safeCount * microsPerUnit) / per);
}
