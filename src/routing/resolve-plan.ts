import type { Principal } from '../auth/index.js';
import { type CanonRequest, GatewayError } from '../canon/index.js';
import type { ModelCatalog } from '../catalog/index.js';
import type { ResolvedConfig } from '../config/index.js';
import type { Candidate, CandidateContext } from './candidate-pool.js';
import { buildDeploymentIndex, type DeploymentIndex } from './deployments.js';
import { explainEmptyPlan } from './explain-empty-plan.js';
import type { DeploymentHealth } from './health.js';
import { parseModelForm } from './model-forms.js';
import { listCandidates, type RouteGroup, type RoutePlan, type RouteTimeouts } from './plan.js';
import { readRequirements } from './requirements.js';
import { type FormResolution, resolveForm } from './resolve-form.js';

/** Defaults for routes that have no `models:` entry (provider/model names, catalog names, strategies). */
export const defaultTimeouts: RouteTimeouts = { ttftMs: 60_000, idleMs: 60_000, totalMs: 600_000 };

/** Routing choices a caller may make with headers (each allowed per key). */
export interface RouteOverrides {
  /** `auto`, `cost`, `quality`, `latency` or `local`: replaces the model field's routing. */
  mode?: string;
  /** A model name that replaces the model field. */
  forceModel?: string;
}

/** Turns what the caller asked for into an ordered plan of deployments. */
export interface Router {
  resolve(request: CanonRequest, principal?: Principal, overrides?: RouteOverrides): RoutePlan;
  /** Every model name a caller may use, for `GET /v1/models`. */
  listModels(): Array<{ id: string; ownedBy: string }>;
  readonly deployments: DeploymentIndex;
}

const routingModes = new Set(['auto', 'cost', 'quality', 'latency', 'local']);

export function createRouter(
  config: ResolvedConfig,
  catalog: ModelCatalog,
  health: DeploymentHealth,
  random: () => number = Math.random,
): Router {
  const index = buildDeploymentIndex(config, catalog);
  const isCatalogName = (name: string) => index.byModelName(name).length > 0;

  const modelNameFor = (
    request: CanonRequest,
    overrides: RouteOverrides | undefined,
  ): { model: string; note?: string } => {
    if (overrides?.forceModel)
      return { model: overrides.forceModel, note: `forced by header to '${overrides.forceModel}'` };
    if (overrides?.mode) {
      if (!routingModes.has(overrides.mode)) {
        throw new GatewayError(
          'invalid_request',
          `Unknown routing mode '${overrides.mode}' (use auto, cost, quality, latency or local).`,
          {
            param: 'x-switchyard-route-mode',
          },
        );
      }
      const model = overrides.mode === 'auto' ? 'auto' : `strategy:${overrides.mode}`;
      return { model, note: `routing-mode header '${overrides.mode}'` };
    }
    return { model: request.model };
  };

  return {
    deployments: index,
    resolve(request, principal, overrides) {
      const { model, note } = modelNameFor(request, overrides);
      const requirements = readRequirements(request);
      const context: CandidateContext = {
        requirements,
        limits: limitsOf(request, config),
        principal,
        health,
        trace: [],
        seen: new Set(),
        skips: 0,
      };
      const industryTag = model.startsWith('industry:')
        ? model.slice('industry:'.length)
        : request.metadata?.industry;
      const form = parseModelForm(model, config, isCatalogName);
      const environment = { config, index, health, random, request, requirements, industryTag };
      const primary = resolveForm(form, context, environment);
      const resolutions: FormResolution[] = [primary];
      for (const fallback of request.routing?.models ?? []) {
        resolutions.push(resolveForm(parseModelForm(fallback, config, isCatalogName), context, environment));
      }
      const groups: RouteGroup[] = resolutions
        .flatMap((resolution) => resolution.groups)
        .filter((group) => group.targets.length > 0);
      const reasons = [
        note,
        primary.reason,
        resolutions.length > 1 ? `then fallback models ${request.routing?.models?.join(', ')}` : undefined,
      ];
      const trace = {
        form: resolutions.length > 1 ? `${primary.form}+fallback-list` : primary.form,
        candidates: context.trace,
        ...primary.traceExtras,
      };
      if (groups.length === 0) throw explainEmptyPlan(model, form, context.trace, context.health);
      return {
        requested: model,
        groups,
        timeouts: primary.timeouts ?? defaultTimeouts,
        reason: reasons.filter((reason) => reason !== undefined).join('; '),
        candidates: listCandidates(groups),
        rescue: primary.rescue ?? true,
        trace,
        ...(primary.hedgeAfterMs === undefined ? {} : { hedgeAfterMs: primary.hedgeAfterMs }),
      };
    },
    listModels() {
      const models = new Map<string, string>();
      for (const alias of config.models.keys()) models.set(alias, 'switchyard');
      for (const policy of config.routing.policies.keys()) models.set(policy, 'switchyard');
      models.set('auto', 'switchyard');
      for (const strategy of ['cost', 'quality', 'latency', 'local'])
        models.set(`strategy:${strategy}`, 'switchyard');
      for (const tag of config.routing.industries.keys()) models.set(`industry:${tag}`, 'switchyard');
      for (const deployment of index.byQuality) {
        if (!models.has(deployment.model)) models.set(deployment.model, deployment.provider);
        models.set(deployment.id, deployment.provider);
      }
      return [...models.entries()].map(([id, ownedBy]) => ({ id, ownedBy }));
    },
  };
}

function limitsOf(request: CanonRequest, config: ResolvedConfig): CandidateContext['limits'] {
  const limits: CandidateContext['limits'] = {};
  const maxPrice = request.routing?.maxPrice;
  if (maxPrice?.input !== undefined) limits.maxInputPrice = Math.round(maxPrice.input * 1_000_000);
  if (maxPrice?.output !== undefined) limits.maxOutputPrice = Math.round(maxPrice.output * 1_000_000);
  const tag = request.model.startsWith('industry:')
    ? request.model.slice('industry:'.length)
    : request.metadata?.industry;
  const industry = tag === undefined ? undefined : config.routing.industries.get(tag);
  if (industry && industry.allowed.length > 0)
    limits.allowed = new Set([...industry.allowed, ...industry.preferred]);
  return limits;
}

export type { Candidate };
