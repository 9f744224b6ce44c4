import { handleChat } from './chat-handler.js';
import { handleCompletions } from './completions.js';
import type { SimulatorContext } from './context.js';
import { handleEmbeddings } from './embeddings.js';
import { errorBody, invalidRequest, modelNotFound } from './errors.js';
import type { Exchange } from './exchange.js';
import { handleImages } from './images.js';
import { recordRawBody } from './model-request.js';
import { DEMO_MODELS, modelListBody, modelObject } from './models.js';
import { handleModerations } from './moderations.js';
import { handleRerank } from './rerank.js';
import { handleSpeech } from './speech.js';
import { handleTranscriptions } from './transcriptions.js';

/** The OpenAI endpoints; `path` has the optional `/v1` prefix removed. */
export function routeOpenAi(
  exchange: Exchange,
  method: string,
  path: string,
  raw: string,
  context: SimulatorContext,
): void {
  if (method === 'POST' && path === '/chat/completions') {
    handleChat(exchange, raw, context);
    return;
  }
  if (method === 'POST' && path === '/embeddings') {
    handleEmbeddings(exchange, raw, context);
    return;
  }
  if (method === 'POST') {
    switch (path) {
      case '/completions':
        handleCompletions(exchange, raw, context);
        return;
      case '/moderations':
        handleModerations(exchange, raw, context);
        return;
      case '/rerank':
      case '/v2/rerank':
        handleRerank(exchange, raw, context);
        return;
      case '/images/generations':
        handleImages(exchange, raw, context);
        return;
      case '/audio/speech':
        handleSpeech(exchange, raw, context);
        return;
      case '/audio/transcriptions':
        handleTranscriptions(exchange, context);
        return;
    }
  }
  if (method === 'GET' && path === '/models') {
    exchange.sendJson(200, modelListBody());
    return;
  }
  if (method === 'GET' && path.startsWith('/models/')) {
    const id = decodeURIComponent(path.slice('/models/'.length));
    exchange.record.model = id;
    if (DEMO_MODELS.includes(id)) {
      exchange.sendJson(200, JSON.stringify(modelObject(id)));
      return;
    }
    exchange.sendError(modelNotFound(id));
    return;
  }
  recordRawBody(exchange.record, raw);
  exchange.sendJson(404, errorBody(invalidRequest(`Invalid URL (${method} ${exchange.record.path})`)));
}
