import type { IncomingMessage, ServerResponse } from 'node:http';
import { isModelAllowed, type Principal } from '../../auth/index.js';
import { GatewayError, toGatewayError } from '../../canon/index.js';
import { formatUsd } from '../../catalog/index.js';
import type { IngressCodec } from '../../codecs/codec.js';
import { tokenCostOnDeployment } from '../../governance/max-cost.js';
import { estimatePromptTokens } from '../../limits/estimate-tokens.js';
import type { Router } from '../../routing/resolve-plan.js';
import { readJsonBody } from '../read-body.js';
import { sendError, sendJson } from '../respond.js';

/** What the estimate route needs. */
export interface EstimateDependencies {
  keys: { verify(credential: string | undefined): Principal };
  router: Router;
  maxBodyBytes: number;
  defaultOutputTokens: number;
}

/**
 * `POST /v1/estimate`: the candidate chain the router would try for this request, with the estimated
 * cost of each (prompt tokens counted with a real tokenizer; output tokens from max_tokens or the
 * configured default). No upstream is called.
 */
export function createEstimateHandler(ingress: IngressCodec, dependencies: EstimateDependencies) {
  return async (request: IncomingMessage, response: ServerResponse, query: URLSearchParams) => {
    try {
      const principal = dependencies.keys.verify(ingress.readCredential({ headers: request.headers, query }));
      const canon = ingress.decodeRequest(await readJsonBody(request, dependencies.maxBodyBytes), {});
      if (
        !isModelAllowed(principal, canon.model) &&
        !canon.model.startsWith('strategy:') &&
        canon.model !== 'auto'
      ) {
        throw new GatewayError(
          'model_not_allowed',
          `This key is not allowed to use the model '${canon.model}'.`,
          { param: 'model' },
        );
      }
      const plan = dependencies.router.resolve(canon, principal);
      const promptTokens = await estimatePromptTokens(canon);
      const outputTokens = canon.sampling.maxOutputTokens ?? dependencies.defaultOutputTokens;
      const candidates = plan.groups.flatMap((group) =>
        group.targets.map((target) => {
          const facts = target.facts;
          const cost = tokenCostOnDeployment(facts, promptTokens, outputTokens);
          return {
            model: target.deployment,
            provider: target.provider,
            group: group.name,
            context_window: facts.contextWindow ?? null,
            input_price_per_million_usd: facts.inputPrice === null ? null : facts.inputPrice / 1_000_000,
            output_price_per_million_usd: facts.outputPrice === null ? null : facts.outputPrice / 1_000_000,
            estimated_cost_usd: cost === null ? null : formatUsd(cost),
          };
        }),
      );
      sendJson(response, 200, {
        object: 'switchyard.estimate',
        model: canon.model,
        route_reason: plan.reason,
        prompt_tokens: promptTokens,
        output_tokens: outputTokens,
        output_tokens_source: canon.sampling.maxOutputTokens === undefined ? 'default' : 'max_tokens',
        candidates,
        trace: plan.trace,
      });
    } catch (thrown) {
      sendError(response, ingress, toGatewayError(thrown));
    }
  };
}
