import type { CanonRequest } from '../canon/index.js';
import type { ResolvedModel } from '../config/index.js';
import type { RoutingStrategyName } from '../config/types.js';
import { admit, type Candidate, type CandidateContext } from './candidate-pool.js';
import { classifyRequest } from './classifier/index.js';
import { aliasTargets, type ExpansionEnvironment, expandReference } from './expand-reference.js';
import type { ModelForm } from './model-forms.js';
import type { RetryPolicy, RouteGroup, RouteTimeouts } from './plan.js';
import type { RequestRequirements } from './requirements.js';
import type { RouteTrace } from './route-trace.js';
import { sortByCost, sortByLatency, sortByThroughput } from './strategies.js';
import { strategyCandidates } from './strategy-candidates.js';

/** What resolving one model form needs. */
export interface FormEnvironment extends ExpansionEnvironment {
  request: CanonRequest;
  requirements: RequestRequirements;
  industryTag: string | undefined;
}

/** Groups and explanation for one model form. */
export interface FormResolution {
  form: string;
  groups: RouteGroup[];
  reason: string;
  timeouts?: RouteTimeouts;
  rescue?: boolean;
  hedgeAfterMs?: number;
  traceExtras?: Pick<RouteTrace, 'classification' | 'strategy'>;
}

const defaultRetry: RetryPolicy = { attempts: 1, backoffMs: 250 };
const defaultClassStrategy: Record<string, RoutingStrategyName> = {
  code: 'quality',
  reasoning: 'quality',
  summary: 'cost',
  long_context: 'cost',
  chat: 'cost',
};

/** Resolves one parsed model form into groups of checked candidates. */
export function resolveForm(
  form: ModelForm,
  context: CandidateContext,
  environment: FormEnvironment,
): FormResolution {
  switch (form.kind) {
    case 'alias':
      return resolveAlias(
        environment.config.models.get(form.alias) as ResolvedModel,
        form.sort,
        context,
        environment,
      );
    case 'provider-model': {
      const candidates = admitAll(context, expandReference(`${form.provider}/${form.model}`, environment));
      return single(
        'provider-model',
        `${form.provider}/${form.model}`,
        sorted(candidates, form.sort, environment),
        `provider-scoped name '${form.provider}/${form.model}'${suffixNote(form.sort)}`,
      );
    }
    case 'catalog': {
      const candidates = admitAll(
        context,
        expandReference(form.name, environment).map((candidate) => ({ ...candidate, via: form.name })),
      );
      const providers = [...new Set(candidates.map((candidate) => candidate.deployment.provider))].join(', ');
      return single(
        'catalog',
        form.name,
        sorted(candidates, form.sort ?? 'price', environment),
        `catalog model '${form.name}' on ${providers || 'no usable provider'}${suffixNote(form.sort)}`,
      );
    }
    case 'auto':
      return resolveAuto(context, environment);
    case 'strategy': {
      const candidates = strategyCandidates(form.strategy, context, environment, industryPool(environment));
      return {
        ...single(
          'strategy',
          `strategy:${form.strategy}`,
          candidates,
          `strategy:${form.strategy} -> ${describeStrategy(form.strategy)} of the capable candidates`,
        ),
        traceExtras: { strategy: form.strategy },
      };
    }
    case 'policy': {
      const policy = environment.config.routing.policies.get(form.name);
      if (!policy) return single('policy', form.name, [], `unknown policy '${form.name}'`);
      if (policy.maxPricePerMillion !== undefined) {
        const ceiling = Math.round(policy.maxPricePerMillion * 1_000_000);
        context.limits.maxInputPrice = Math.min(context.limits.maxInputPrice ?? ceiling, ceiling);
        context.limits.maxOutputPrice = Math.min(context.limits.maxOutputPrice ?? ceiling, ceiling);
      }
      const pool =
        policy.models.length > 0
          ? policy.models.flatMap((reference) => expandReference(reference, environment))
          : industryPool(environment);
      const candidates = strategyCandidates(policy.strategy, context, environment, pool);
      return {
        ...single(
          'policy',
          form.name,
          candidates,
          `policy '${form.name}': ${describeStrategy(policy.strategy)}${policy.models.length > 0 ? ` among ${policy.models.join(', ')}` : ''}`,
        ),
        traceExtras: { strategy: policy.strategy },
      };
    }
    case 'industry':
      return resolveIndustry(form.tag, context, environment);
    default:
      return { form: 'unknown', groups: [], reason: `unknown model '${form.name}'` };
  }
}

function resolveAlias(
  alias: ResolvedModel,
  sort: 'price' | 'throughput' | undefined,
  context: CandidateContext,
  environment: FormEnvironment,
): FormResolution {
  const groups: RouteGroup[] = [];
  const chain = [alias, ...fallbackChain(alias, environment)];
  for (const member of chain) {
    const candidates = sorted(admitAll(context, aliasTargets(member, environment)), sort, environment);
    groups.push(toGroup(member.alias, candidates, member.retry));
  }
  const fallbacks = chain.slice(1).map((member) => `'${member.alias}'`);
  return {
    form: 'alias',
    groups,
    reason: `alias '${alias.alias}'${fallbacks.length > 0 ? ` with fallbacks ${fallbacks.join(', ')}` : ''}${suffixNote(sort)}`,
    timeouts: alias.timeouts,
    rescue: alias.rescue,
    ...(alias.hedge ? { hedgeAfterMs: alias.hedge.afterMs } : {}),
  };
}

function fallbackChain(alias: ResolvedModel, environment: FormEnvironment): ResolvedModel[] {
  const chain: ResolvedModel[] = [];
  const seen = new Set([alias.alias]);
  const queue = [...alias.fallbacks];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    const next = environment.config.models.get(name);
    if (!next || seen.has(name)) continue;
    seen.add(name);
    chain.push(next);
    queue.push(...next.fallbacks);
  }
  return chain;
}

function resolveAuto(context: CandidateContext, environment: FormEnvironment): FormResolution {
  const classification = classifyRequest(environment.request);
  const settings = environment.config.routing.auto;
  const groups: RouteGroup[] = [];
  const steps: string[] = [`auto: ${classification.reason}`];
  if (classification.complexity > settings.premiumAbove && settings.premium.length > 0) {
    const premium = admitAll(
      context,
      settings.premium.flatMap((reference) => expandReference(reference, environment)),
    );
    groups.push(toGroup('premium', premium, defaultRetry));
    steps.push(
      `complexity ${classification.complexity.toFixed(2)} > ${settings.premiumAbove} -> premium tier (${settings.premium.join(', ')})`,
    );
  }
  const references = settings.classes[classification.taskClass];
  if (references.length > 0) {
    const configured = admitAll(
      context,
      references.flatMap((reference) => expandReference(reference, environment)),
    );
    groups.push(toGroup(classification.taskClass, configured, defaultRetry));
    steps.push(`${classification.taskClass} -> ${references.join(', ')}`);
  }
  // Always end with the best capable deployments by the class's default strategy, so a request with
  // tools, a schema, images or a long context lands on a model that can take it.
  const strategy = defaultClassStrategy[classification.taskClass] ?? 'cost';
  const fallback = strategyCandidates(strategy, context, environment, industryPool(environment));
  groups.push(toGroup(`${classification.taskClass}-${strategy}`, fallback, defaultRetry));
  if (references.length === 0) steps.push(`${classification.taskClass} -> ${describeStrategy(strategy)}`);
  return {
    form: 'auto',
    groups,
    reason: steps.join(' -> '),
    traceExtras: {
      classification: {
        taskClass: classification.taskClass,
        complexity: classification.complexity,
        features: classification.features,
        reason: classification.reason,
      },
      strategy,
    },
  };
}

function resolveIndustry(
  tag: string,
  context: CandidateContext,
  environment: FormEnvironment,
): FormResolution {
  const industry = environment.config.routing.industries.get(tag);
  if (!industry) return { form: 'industry', groups: [], reason: `unknown industry tag '${tag}'` };
  const preferred = admitAll(
    context,
    industry.preferred.flatMap((reference) => expandReference(reference, environment)),
  );
  const allowed = admitAll(
    context,
    industry.allowed.flatMap((reference) => expandReference(reference, environment)),
  );
  const groups = [
    toGroup(`industry:${tag}`, preferred, defaultRetry),
    toGroup(`industry:${tag}-allowed`, allowed, defaultRetry),
  ];
  if (industry.allowed.length === 0)
    groups.push(
      toGroup(`industry:${tag}-any`, strategyCandidates('quality', context, environment), defaultRetry),
    );
  return {
    form: 'industry',
    groups,
    reason: `industry '${tag}': preferred ${industry.preferred.join(', ') || 'none'}`,
  };
}

/** With an industry tag whose allow-list is set, strategies choose among those models only. */
function industryPool(environment: FormEnvironment): Candidate[] | undefined {
  const tag = environment.industryTag;
  const industry = tag === undefined ? undefined : environment.config.routing.industries.get(tag);
  if (!industry || industry.allowed.length === 0) return undefined;
  return [...industry.preferred, ...industry.allowed].flatMap((reference) =>
    expandReference(reference, environment),
  );
}

function admitAll(context: CandidateContext, candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    const admitted = admit(context, candidate.deployment, candidate.weight, candidate.via);
    if (admitted) kept.push(admitted);
  }
  return kept;
}

function sorted(
  candidates: Candidate[],
  sort: 'price' | 'throughput' | 'latency' | undefined,
  environment: FormEnvironment,
): Candidate[] {
  const wanted = environment.request.routing?.sort ?? sort;
  const { promptTokens, outputTokens } = environment.requirements;
  if (wanted === 'price')
    return sortByCost(
      candidates,
      promptTokens,
      outputTokens ?? environment.config.routing.defaultOutputTokens,
    );
  if (wanted === 'throughput') return sortByThroughput(candidates, environment.health);
  if (wanted === 'latency') return sortByLatency(candidates, environment.health);
  return candidates;
}

function single(form: string, name: string, candidates: Candidate[], reason: string): FormResolution {
  return { form, groups: [toGroup(name, candidates, defaultRetry)], reason };
}

function toGroup(name: string, candidates: Candidate[], retry: RetryPolicy): RouteGroup {
  return {
    name,
    retry,
    targets: candidates.map((candidate) => ({
      provider: candidate.deployment.provider,
      model: candidate.deployment.model,
      weight: candidate.weight,
      deployment: candidate.deployment.id,
      facts: candidate.deployment,
    })),
  };
}

function suffixNote(sort: 'price' | 'throughput' | undefined): string {
  return sort === 'price'
    ? ', sorted by price (:floor)'
    : sort === 'throughput'
      ? ', sorted by throughput (:nitro)'
      : '';
}

function describeStrategy(strategy: RoutingStrategyName): string {
  switch (strategy) {
    case 'cost':
      return 'cheapest';
    case 'quality':
      return 'strongest';
    case 'latency':
      return 'fastest measured first token';
    default:
      return 'self-hosted only, cheapest';
  }
}
