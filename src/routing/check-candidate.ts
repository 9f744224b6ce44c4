import { isModelAllowed, type Principal } from '../auth/index.js';
import type { Deployment } from './deployments.js';
import type { DeploymentHealth } from './health.js';
import type { RequestRequirements } from './requirements.js';

/** Limits that come from the request or the policy rather than the deployment. */
export interface CandidateLimits {
  /** Micro-dollars per million tokens. */
  maxInputPrice?: number;
  maxOutputPrice?: number;
  selfHostedOnly?: boolean;
  /** Industry allow-list (`provider/model` ids and alias names); undefined = anything. */
  allowed?: ReadonlySet<string>;
}

/**
 * Why a deployment cannot serve this request, or undefined when it can. Only known facts exclude:
 * a capability the catalog does not state is not held against a deployment.
 */
export function checkCandidate(
  deployment: Deployment,
  requirements: RequestRequirements,
  limits: CandidateLimits,
  principal: Principal | undefined,
  health: DeploymentHealth,
  viaAlias?: string,
): string | undefined {
  if (
    principal &&
    !isModelAllowed(principal, deployment.id) &&
    !(viaAlias !== undefined && isModelAllowed(principal, viaAlias))
  ) {
    return 'not allowed for this key';
  }
  if (
    limits.allowed &&
    !limits.allowed.has(deployment.id) &&
    !(viaAlias !== undefined && limits.allowed.has(viaAlias))
  ) {
    return 'not allowed for this industry';
  }
  const endpointMismatch = checkEndpoint(deployment, requirements);
  if (endpointMismatch) return endpointMismatch;
  if (limits.selfHostedOnly && !deployment.selfHosted) return 'not a self-hosted server';
  const capabilities = deployment.capabilities;
  if (requirements.tools && capabilities.tools === false) return 'lacks tool calling';
  if (requirements.jsonSchema && capabilities.jsonSchema === false) return 'lacks JSON schema output';
  if (requirements.vision && capabilities.vision === false) return 'lacks image input';
  if (deployment.contextWindow !== undefined && requirements.contextTokens > deployment.contextWindow) {
    return `context window ${deployment.contextWindow} < about ${requirements.contextTokens} tokens needed`;
  }
  if (
    limits.maxInputPrice !== undefined &&
    (deployment.inputPrice === null || deployment.inputPrice > limits.maxInputPrice)
  ) {
    return deployment.inputPrice === null
      ? 'price unknown (a price ceiling is set)'
      : 'input price above max_price';
  }
  if (
    limits.maxOutputPrice !== undefined &&
    (deployment.outputPrice === null || deployment.outputPrice > limits.maxOutputPrice)
  ) {
    return deployment.outputPrice === null
      ? 'price unknown (a price ceiling is set)'
      : 'output price above max_price';
  }
  const unavailable = health.unavailable(deployment.id);
  if (unavailable)
    return `${unavailable.reason} for ${Math.max(0, Math.ceil((unavailable.until - Date.now()) / 1000))} s`;
  return undefined;
}

/** Chat goes only to chat models; every other endpoint only to models flagged for it (when the catalog knows). */
function checkEndpoint(deployment: Deployment, requirements: RequestRequirements): string | undefined {
  const { endpoint } = requirements;
  if (endpoint === 'chat' && deployment.embeddingOnly) return 'an embedding model';
  if (deployment.endpoints && !deployment.endpoints.has(endpoint))
    return endpoint === 'chat' ? 'not a chat model' : `does not serve ${endpoint}`;
  return undefined;
}
