import type { IncomingMessage, ServerResponse } from 'node:http';
import { isModelAllowed, type Principal } from '../../auth/index.js';
import { GatewayError, toGatewayError } from '../../canon/index.js';
import { anthropicMessagesIngress } from '../../codecs/anthropic-messages/index.js';
import type { IngressCodec } from '../../codecs/codec.js';
import { geminiIngress } from '../../codecs/gemini/index.js';
import type { Router } from '../../routing/resolve-plan.js';
import { sendError, sendJson } from '../respond.js';
import {
  anthropicModel,
  anthropicModelList,
  detectModelListShape,
  geminiModel,
  geminiModelList,
  type ListedModel,
  type ModelListShape,
} from './model-shapes.js';

/**
 * `GET /v1/models` and `GET /v1/models/{id}` (and Gemini's `/v1beta/models[/{id}]`): the models this
 * key may use, in the caller's own shape — OpenAI's list, Anthropic's (`anthropic-version` or
 * `x-api-key` sent) or Gemini's (`/v1beta`, `x-goog-api-key` or `?key=`), errors likewise.
 */
export function createModelsHandler(
  ingress: IngressCodec,
  keys: { verify(credential: string | undefined): Principal },
  router: Router,
  startedAt: number,
) {
  const created = Math.floor(startedAt / 1000);
  const createdAt = new Date(created * 1000).toISOString();
  const codecs: Record<ModelListShape, Pick<IngressCodec, 'readCredential' | 'encodeError'>> = {
    openai: ingress,
    anthropic: anthropicMessagesIngress,
    gemini: geminiIngress,
  };
  const describe = (model: ListedModel) => ({
    id: model.id,
    object: 'model',
    created,
    owned_by: model.ownedBy,
  });
  const withFacts = (model: { id: string; ownedBy: string }): ListedModel => {
    const deployment = router.deployments.get(model.id) ?? router.deployments.byModelName(model.id)[0];
    return deployment ? { ...model, deployment } : model;
  };
  return (
    request: IncomingMessage,
    response: ServerResponse,
    query: URLSearchParams,
    modelId?: string,
    path = request.url ?? '',
  ) => {
    const shape = detectModelListShape(path, request.headers, query);
    const codec = codecs[shape];
    try {
      const principal = keys.verify(codec.readCredential({ headers: request.headers, query }));
      const models = router
        .listModels()
        .filter((model) => isModelAllowed(principal, model.id))
        .map(withFacts);
      if (modelId === undefined) {
        if (shape === 'anthropic') sendJson(response, 200, anthropicModelList(models, createdAt));
        else if (shape === 'gemini') sendJson(response, 200, geminiModelList(models));
        else sendJson(response, 200, { object: 'list', data: models.map(describe) });
        return;
      }
      const wanted =
        shape === 'gemini' && modelId.startsWith('models/') ? modelId.slice('models/'.length) : modelId;
      const found = models.find((model) => model.id === wanted);
      if (!found)
        throw new GatewayError(
          'model_not_found',
          `The model '${wanted}' does not exist or this key may not use it.`,
          { param: 'model' },
        );
      if (shape === 'anthropic') sendJson(response, 200, anthropicModel(found, createdAt));
      else if (shape === 'gemini') sendJson(response, 200, geminiModel(found));
      else sendJson(response, 200, describe(found));
    } catch (thrown) {
      sendError(response, codec, toGatewayError(thrown));
    }
  };
}
