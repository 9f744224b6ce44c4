import type { SimulatorContext } from './context.js';
import type { Exchange } from './exchange.js';
import { handleGeminiEmbeddings } from './gemini-embeddings.js';
import { geminiError, geminiInvalidArgument, geminiNotFound } from './gemini-errors.js';
import { handleCountTokens, handleGenerate } from './gemini-handler.js';
import { recordRawBody } from './model-request.js';
import { DEMO_MODELS, geminiModelListBody, geminiModelObject } from './models.js';
import { GEMINI_METHOD_PATH } from './protocol.js';

/**
 * The Gemini endpoints; `path` has the `/v1beta` (or `/v1`) prefix removed. The model is the
 * URL-decoded path segment before the last `:`, so `demo%2Bcut-3` and `demo+cut-3` both work.
 */
export function routeGemini(
  exchange: Exchange,
  method: string,
  path: string,
  raw: string,
  context: SimulatorContext,
): void {
  const match = method === 'POST' ? GEMINI_METHOD_PATH.exec(path) : null;
  if (match !== null) {
    const model = decodeModel(match[1] ?? '');
    if (model === undefined) {
      recordRawBody(exchange.record, raw);
      exchange.sendError(geminiInvalidArgument(`Invalid resource name: models/${match[1] ?? ''}`));
      return;
    }
    switch (match[2]) {
      case 'generateContent':
        handleGenerate(exchange, model, false, raw, context);
        return;
      case 'streamGenerateContent':
        handleGenerate(exchange, model, true, raw, context);
        return;
      case 'countTokens':
        handleCountTokens(exchange, model, raw, context);
        return;
      case 'embedContent':
        handleGeminiEmbeddings(exchange, model, false, raw, context);
        return;
      default:
        handleGeminiEmbeddings(exchange, model, true, raw, context);
        return;
    }
  }
  if (method === 'GET' && path === '/models') {
    exchange.sendJson(200, geminiModelListBody());
    return;
  }
  if (method === 'GET' && path.startsWith('/models/')) {
    const id = decodeModel(path.slice('/models/'.length)) ?? '';
    exchange.record.model = id;
    if (DEMO_MODELS.includes(id)) exchange.sendJson(200, JSON.stringify(geminiModelObject(id)));
    else exchange.sendError(geminiNotFound(id));
    return;
  }
  recordRawBody(exchange.record, raw);
  exchange.sendError(geminiError(404, `Method not found (${method} ${exchange.record.path}).`));
}

function decodeModel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
