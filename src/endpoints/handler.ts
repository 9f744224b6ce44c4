import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Principal } from '../auth/index.js';
import { type AttemptRecord, type CanonRequest, GatewayError, toGatewayError } from '../canon/index.js';
import { type CatalogEntry, formatUsd } from '../catalog/index.js';
import type { IngressCodec, RouteParams } from '../codecs/codec.js';
import type { Admission, Governor } from '../governance/governor.js';
import { Cancellation } from '../http/index.js';
import { createRequestId } from '../pipeline/request-id.js';
import { createDeadline } from '../routing/attempt-controller.js';
import { listCandidates, type RoutePlan } from '../routing/plan.js';
import type { Router } from '../routing/resolve-plan.js';
import { sendError, sendJson } from '../server/respond.js';
import { toHeaderValue } from '../server/transparency-headers.js';
import type { RequestLogRow } from '../store/index.js';
import type { Logger } from '../telemetry/logger.js';
import { computeEndpointCostMicros } from './cost.js';
import { type EndpointExecution, egressFor, executeEndpoint } from './execute.js';
import { buildEndpointLogRow, type EndpointRecord } from './log-row.js';
import type { EndpointCall, EndpointDefinition, EndpointReply } from './types.js';

/** What the non-chat endpoints are served with. */
export interface EndpointServices extends EndpointExecution {
  keys: { verify(credential: string | undefined): Principal };
  router: Router;
  entryOf(provider: string, model: string): CatalogEntry | undefined;
  requestLog: { enqueue(row: RequestLogRow): void };
  maxBodyBytes: number;
  logger: Logger;
  /** Rate limits, budgets and credits, as on the chat path (these endpoints are charged after the call). */
  governor?: Pick<Governor, 'admitWith' | 'settleWith'>;
}

/** One HTTP route onto one endpoint, in one caller dialect. */
export interface EndpointRoute<Input, Output, Body = unknown> {
  definition: EndpointDefinition<Input, Output>;
  /** The request log's shape column. */
  shape: string;
  /** How the caller sends its key and expects its errors. */
  dialect: Pick<IngressCodec, 'readCredential' | 'encodeError'>;
  readBody(request: IncomingMessage, maxBytes: number): Promise<Body>;
  /** Throws GatewayError('invalid_request') naming the offending field. */
  decode(body: Body, params: RouteParams): EndpointCall<Input>;
  encode(output: Output, call: EndpointCall<Input>): EndpointReply;
}

/**
 * Serves a non-chat endpoint: authenticate, read and decode the body, route with the chat router
 * (key permissions, capability flags, health), try deployments in order, answer in the caller's
 * shape, and log one row with usage and cost — on success and on failure.
 */
export function createEndpointHandler<Input, Output, Body>(
  route: EndpointRoute<Input, Output, Body>,
  services: EndpointServices,
) {
  return async (
    request: IncomingMessage,
    response: ServerResponse,
    query: URLSearchParams,
    params: RouteParams = {},
  ) => {
    const cancellation = new Cancellation();
    response.once('close', () => {
      if (!response.writableFinished)
        cancellation.abort(new GatewayError('client_closed', 'the client closed the connection'));
    });
    const attempts: AttemptRecord[] = [];
    let admission: Admission | undefined;
    let limitHeaders: Record<string, string> | undefined;
    const record: EndpointRecord = {
      id: createRequestId(),
      receivedAt: Date.now(),
      startedAt: performance.now(),
      keyId: null,
      teamId: null,
      shape: route.shape,
      requestedModel: null,
      fallbackUsed: false,
      attempts,
      usageEstimated: false,
      costMicros: null,
    };
    try {
      const principal = services.keys.verify(
        route.dialect.readCredential({ headers: request.headers, query }),
      );
      record.keyId = principal.keyId;
      record.teamId = principal.teamId;
      const call = route.decode(await route.readBody(request, services.maxBodyBytes), params);
      record.requestedModel = call.model;
      if (call.endUser !== undefined) record.endUser = call.endUser;
      const plan = servablePlan(
        route.definition,
        services,
        services.router.resolve(routingRequest(route.definition, call), principal),
      );
      record.plan = plan;
      admission = await services.governor?.admitWith({
        requestId: record.id,
        principal,
        endUser: call.endUser,
        onHeaders: (headers) => {
          limitHeaders = headers;
        },
      });
      const deadline = createDeadline(cancellation, plan.timeouts.totalMs);
      let success: Awaited<ReturnType<typeof executeEndpoint<Input, Output>>>;
      try {
        success = await executeEndpoint(
          route.definition,
          call.input,
          plan,
          deadline.signal,
          attempts,
          services,
        );
      } finally {
        deadline.dispose();
      }
      record.servedBy = success.target;
      record.fallbackUsed = success.fallbackUsed;
      const usage = route.definition.usageOf(success.output, call.input);
      record.usage = usage;
      record.usageEstimated = usage.estimated === true;
      record.costMicros = computeEndpointCostMicros(
        usage,
        services.entryOf(success.target.provider, success.target.model),
      );
      sendReply(response, route.encode(success.output, call), {
        ...transparencyHeaders(record),
        ...limitHeaders,
      });
    } catch (thrown) {
      const error = toGatewayError(thrown);
      record.error = error;
      if (error.kind === 'internal')
        services.logger.error({ err: error, requestId: record.id }, 'internal error');
      const headers = { ...transparencyHeaders(record), ...limitHeaders };
      if (error.kind === 'payload_too_large') headers.connection = 'close';
      if (!response.headersSent) sendError(response, route.dialect, error, headers);
    } finally {
      if (admission) {
        services.governor?.settleWith(admission, {
          requestId: record.id,
          tokens: (record.usage?.inputTokens ?? 0) + (record.usage?.outputTokens ?? 0),
          costMicros: record.costMicros ?? 0,
          refund: record.error !== undefined,
        });
      }
      // Every request is logged, refused ones too (a 401 with no key id), as on the chat path.
      services.requestLog.enqueue(buildEndpointLogRow(record));
    }
  };
}

/** A canonical request that carries only what routing reads: the model, fallbacks and the endpoint. */
function routingRequest<Input>(
  definition: EndpointDefinition<Input, unknown>,
  call: EndpointCall<Input>,
): CanonRequest {
  return {
    model: call.model,
    messages: [],
    sampling: {},
    stream: false,
    streamUsage: false,
    vendor: {},
    routing: {
      endpoint: definition.endpoint,
      ...(call.fallbackModels === undefined ? {} : { models: call.fallbackModels }),
    },
  };
}

/** The plan without deployments whose provider's protocol has no way to serve this endpoint. */
function servablePlan(
  definition: EndpointDefinition<unknown, unknown>,
  services: EndpointServices,
  plan: RoutePlan,
): RoutePlan {
  const groups = plan.groups
    .map((group) => ({
      ...group,
      targets: group.targets.filter((target) => {
        const provider = services.providers.get(target.provider);
        return provider !== undefined && egressFor(definition, provider) !== undefined;
      }),
    }))
    .filter((group) => group.targets.length > 0);
  if (groups.length === 0) {
    throw new GatewayError(
      'invalid_request',
      `No deployment for '${plan.requested}' can serve ${definition.endpoint} (tried: ${plan.candidates.join(', ')}: their providers do not offer this endpoint).`,
      { param: 'model', code: 'no_capable_model' },
    );
  }
  return { ...plan, groups, candidates: listCandidates(groups) };
}

function transparencyHeaders(record: EndpointRecord): Record<string, string> {
  const headers: Record<string, string> = {
    'x-switchyard-request-id': record.id,
    'x-request-id': record.id,
    'x-switchyard-attempts': String(record.attempts.length),
    'x-switchyard-fallback-used': record.fallbackUsed ? 'true' : 'false',
  };
  if (record.servedBy) {
    headers['x-switchyard-model'] = toHeaderValue(`${record.servedBy.provider}/${record.servedBy.model}`);
    headers['x-switchyard-provider'] = toHeaderValue(record.servedBy.provider);
  }
  if (record.plan) {
    headers['x-switchyard-route-reason'] = toHeaderValue(record.plan.reason);
    headers['x-switchyard-candidates'] = toHeaderValue(record.plan.candidates.join(', '));
  }
  if (record.usage)
    headers['x-switchyard-cost-usd'] = record.costMicros === null ? 'unknown' : formatUsd(record.costMicros);
  return headers;
}

function sendReply(response: ServerResponse, reply: EndpointReply, headers: Record<string, string>): void {
  if (reply.kind === 'json') {
    sendJson(response, 200, reply.body, headers);
    return;
  }
  if (response.headersSent || response.destroyed) return;
  const body = reply.kind === 'bytes' ? reply.bytes : Buffer.from(reply.text, 'utf8');
  response.writeHead(200, {
    'content-type': reply.contentType,
    'content-length': String(body.byteLength),
    ...headers,
  });
  response.end(body);
}
