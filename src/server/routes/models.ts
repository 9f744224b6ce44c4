import type { IncomingMessage, ServerResponse } from 'node:http';
import { isModelAllowed, type Principal } from '../../auth/index.js';
import { GatewayError, toGatewayError } from '../../canon/index.js';
import type { IngressCodec } from '../../codecs/codec.js';
import type { Router } from '../../routing/resolve-plan.js';
import { sendError, sendJson } from '../respond.js';

/** `GET /v1/models` and `GET /v1/models/{id}`: the models this key may use. */
export function createModelsHandler(
  ingress: IngressCodec,
  keys: { verify(credential: string | undefined): Principal },
  router: Router,
  startedAt: number,
) {
  const created = Math.floor(startedAt / 1000);
  const describe = (id: string, ownedBy: string) => ({ id, object: 'model', created, owned_by: ownedBy });
  return (request: IncomingMessage, response: ServerResponse, query: URLSearchParams, modelId?: string) => {
    try {
      const principal = keys.verify(ingress.readCredential({ headers: request.headers, query }));
      const models = router.listModels().filter((model) => isModelAllowed(principal, model.id));
      if (modelId === undefined) {
        sendJson(response, 200, {
          object: 'list',
          data: models.map((model) => describe(model.id, model.ownedBy)),
        });
        return;
      }
      const found = models.find((model) => model.id === modelId);
      if (!found)
        throw new GatewayError(
          'model_not_found',
          `The model '${modelId}' does not exist or this key may not use it.`,
          { param: 'model' },
        );
      sendJson(response, 200, describe(found.id, found.ownedBy));
    } catch (thrown) {
      sendError(response, ingress, toGatewayError(thrown));
    }
  };
}
