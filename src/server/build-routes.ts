import type { Principal } from '../auth/index.js';
import { anthropicMessagesIngress } from '../codecs/anthropic-messages/index.js';
import { geminiIngress } from '../codecs/gemini/index.js';
import { azureChatIngress } from '../codecs/openai-chat/azure-ingress.js';
import { openAiChatIngress } from '../codecs/openai-chat/index.js';
import { openAiResponsesIngress, type ResponseHistory } from '../codecs/openai-responses/index.js';
import type { Pipeline } from '../pipeline/compose.js';
import type { Router } from '../routing/resolve-plan.js';
import type { Logger } from '../telemetry/logger.js';
import type { RouteTable } from './create-server.js';
import { parseAzureDeploymentPath, parseGeminiPath } from './gemini-path.js';
import { IdempotencyCache } from './idempotency.js';
import { notFound } from './respond.js';
import { createEstimateHandler } from './routes/estimate.js';
import { handleHealth, handleReady, type ReadinessProbe } from './routes/health.js';
import { createInferenceHandler } from './routes/inference.js';
import { createModelsHandler } from './routes/models.js';
import { createStoredResponsesHandler } from './routes/stored-responses.js';

/** What the HTTP routes are built from. */
export interface RouteDependencies {
  pipeline: Pipeline;
  keys: { verify(credential: string | undefined): Principal };
  router: Router;
  logger: Logger;
  maxBodyBytes: number;
  /** Always add the `switchyard` summary object to JSON bodies (else only when the caller asks). */
  summaryInBody: boolean;
  defaultOutputTokens: number;
  readiness: ReadinessProbe;
  /** The turns behind `previous_response_id`, also served by `GET`/`DELETE /v1/responses/{id}`. */
  responseHistory: ResponseHistory;
}

/** Every path the gateway serves: each API shape's inference endpoint onto the one pipeline, plus utilities. */
export function buildRoutes(dependencies: RouteDependencies): RouteTable {
  const inference = {
    pipeline: dependencies.pipeline,
    maxBodyBytes: dependencies.maxBodyBytes,
    logger: dependencies.logger,
    summaryInBody: dependencies.summaryInBody,
    idempotency: { cache: new IdempotencyCache(), keys: dependencies.keys },
  };
  const chat = createInferenceHandler(openAiChatIngress, inference);
  const azureChat = createInferenceHandler(azureChatIngress, inference);
  const messages = createInferenceHandler(anthropicMessagesIngress, inference);
  const responses = createInferenceHandler(openAiResponsesIngress, inference);
  const gemini = createInferenceHandler(geminiIngress, inference);
  const models = createModelsHandler(openAiChatIngress, dependencies.keys, dependencies.router, Date.now());
  const estimate = createEstimateHandler(openAiChatIngress, {
    keys: dependencies.keys,
    router: dependencies.router,
    maxBodyBytes: dependencies.maxBodyBytes,
    defaultOutputTokens: dependencies.defaultOutputTokens,
  });
  const storedResponses = createStoredResponsesHandler(dependencies.responseHistory, dependencies.keys);
  const geminiRoute = (prefix: string) => ({
    method: 'POST',
    prefix,
    handler: ((request, response, query, path) => {
      const parsed = parseGeminiPath(path);
      if (!parsed || (parsed.method !== 'generateContent' && parsed.method !== 'streamGenerateContent')) {
        return notFound(response, path);
      }
      return gemini(request, response, query, {
        model: parsed.model,
        stream: parsed.method === 'streamGenerateContent',
      });
    }) satisfies RouteTable['prefix'][number]['handler'],
  });
  return {
    exact: new Map([
      ['POST /v1/chat/completions', (request, response, query) => chat(request, response, query, {})],
      ['POST /chat/completions', (request, response, query) => chat(request, response, query, {})],
      // GLM / ZhipuAI's OpenAI-style path.
      [
        'POST /api/paas/v4/chat/completions',
        (request, response, query) => chat(request, response, query, {}),
      ],
      ['POST /v1/messages', (request, response, query) => messages(request, response, query, {})],
      ['POST /v1/responses', (request, response, query) => responses(request, response, query, {})],
      ['GET /v1/models', (request, response, query) => models(request, response, query)],
      ['POST /v1/estimate', (request, response, query) => estimate(request, response, query)],
      ['GET /health', (_request, response) => handleHealth(response)],
      ['GET /ready', (_request, response) => handleReady(response, dependencies.readiness)],
    ]),
    prefix: [
      {
        // Azure OpenAI's deployment paths: the deployment names the model (api-version is accepted as given).
        method: 'POST',
        prefix: '/openai/deployments/',
        handler: (request, response, query, path) => {
          const azure = parseAzureDeploymentPath(path);
          if (!azure || azure.operation !== 'chat/completions') return notFound(response, path);
          return azureChat(request, response, query, { model: azure.deployment });
        },
      },
      { method: 'GET', prefix: '/v1/responses/', handler: storedResponses },
      { method: 'DELETE', prefix: '/v1/responses/', handler: storedResponses },
      geminiRoute('/v1beta/models/'),
      geminiRoute('/v1/models/'),
      {
        method: 'GET',
        prefix: '/v1/models/',
        handler: (request, response, query, path) =>
          models(request, response, query, decodeURIComponent(path.slice('/v1/models/'.length))),
      },
    ],
  };
}
