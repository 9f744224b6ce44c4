import type { RoutingHints } from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectNumber,
  expectObject,
  expectString,
  invalidField,
  type WireObject,
} from '../shared/read-fields.js';

const sorts = new Set(['price', 'latency', 'throughput']);

/**
 * `models` (fallback list), `max_price` (USD per million tokens: one number for both directions, or
 * `{prompt, completion}`) and `sort`: the routing wishes OpenRouter callers already send.
 */
export function decodeOpenAiRoutingHints(body: WireObject): RoutingHints | undefined {
  const hints: RoutingHints = {};
  if (body.models !== undefined && body.models !== null) {
    const models = expectArray(body.models, 'models').map((item, index) =>
      expectString(item, `models[${index}]`),
    );
    if (models.length > 10)
      invalidField('models', `expected at most 10 fallback models, got ${models.length}.`);
    if (models.length > 0) hints.models = models;
  }
  if (body.max_price !== undefined && body.max_price !== null) {
    if (typeof body.max_price === 'number') {
      const ceiling = expectNumber(body.max_price, 'max_price', { min: 0 });
      hints.maxPrice = { input: ceiling, output: ceiling };
    } else {
      const price = expectObject(body.max_price, 'max_price');
      hints.maxPrice = {};
      if (price.prompt !== undefined)
        hints.maxPrice.input = expectNumber(price.prompt, 'max_price.prompt', { min: 0 });
      if (price.completion !== undefined) {
        hints.maxPrice.output = expectNumber(price.completion, 'max_price.completion', { min: 0 });
      }
    }
  }
  if (body.sort !== undefined && body.sort !== null) {
    if (typeof body.sort !== 'string' || !sorts.has(body.sort)) {
      invalidField('sort', `expected 'price', 'latency' or 'throughput', got ${describeType(body.sort)}.`);
    }
    hints.sort = body.sort as RoutingHints['sort'];
  }
  return Object.keys(hints).length > 0 ? hints : undefined;
}
