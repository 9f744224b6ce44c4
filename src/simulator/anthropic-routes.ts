import { anthropicError } from './anthropic-errors.js';
import { handleCountTokens, handleMessages } from './anthropic-handler.js';
import type { SimulatorContext } from './context.js';
import type { Exchange } from './exchange.js';
import { recordRawBody } from './model-request.js';
import { anthropicModelListBody, anthropicModelObject, DEMO_MODELS } from './models.js';

/** The Anthropic endpoints; `path` has the `/v1` prefix removed. */
export function routeAnthropic(
  exchange: Exchange,
  method: string,
  path: string,
  raw: string,
  context: SimulatorContext,
): void {
  if (method === 'POST' && path === '/messages') {
    handleMessages(exchange, raw, context);
    return;
  }
  if (method === 'POST' && path === '/messages/count_tokens') {
    handleCountTokens(exchange, raw, context);
    return;
  }
  if (method === 'GET' && path === '/models') {
    exchange.sendJson(200, anthropicModelListBody());
    return;
  }
  if (method === 'GET' && path.startsWith('/models/')) {
    const id = decodeURIComponent(path.slice('/models/'.length));
    exchange.record.model = id;
    if (DEMO_MODELS.includes(id)) exchange.sendJson(200, JSON.stringify(anthropicModelObject(id)));
    else exchange.sendError(anthropicError(404, `model: ${id}`));
    return;
  }
  recordRawBody(exchange.record, raw);
  exchange.sendError(anthropicError(404, `Not found (${method} ${exchange.record.path})`));
}
