import type { EndpointKind } from '../canon/index.js';
import type { CatalogEntry, ModelCatalog } from '../catalog/index.js';
import type { ResolvedConfig } from '../config/index.js';
import type { DeploymentOverrides } from '../config/types.js';

/** What a deployment can do; undefined means the catalog does not say (not "no"). */
export interface DeploymentCapabilities {
  tools?: boolean;
  vision?: boolean;
  jsonSchema?: boolean;
  reasoning?: boolean;
}

/** One model on one configured provider: everything routing needs to know about it. */
export interface Deployment {
  /** `provider/model`: the key for health, logs and headers. */
  id: string;
  provider: string;
  model: string;
  providerType: string;
  selfHosted: boolean;
  capabilities: DeploymentCapabilities;
  contextWindow: number | undefined;
  /** The longest answer the model gives, when the catalog says. */
  maxOutputTokens?: number;
  /** Micro-dollars per million tokens; null when unknown. */
  inputPrice: number | null;
  outputPrice: number | null;
  /** 0..100; undefined when unknown. */
  quality: number | undefined;
  /** Continues a trailing assistant message (stream rescue). */
  continuation: boolean;
  /** An embedding-only model: never a candidate for chat. */
  embeddingOnly: boolean;
  /**
   * The endpoints the catalog says the model serves; undefined when the catalog does not know the
   * model (then nothing is held against it).
   */
  endpoints: ReadonlySet<EndpointKind> | undefined;
}

/** Every deployment the gateway can reach, with lists pre-sorted for the routing strategies. */
export interface DeploymentIndex {
  get(id: string): Deployment | undefined;
  /** Deployments serving a bare model name (catalog id or alias of a model), on every configured provider. */
  byModelName(name: string): Deployment[];
  /** Deployments of one provider and model, creating one for a model the catalog does not know. */
  resolve(provider: string, model: string, overrides?: DeploymentOverrides): Deployment | undefined;
  /** Pre-sorted: cheapest first (unknown prices last), strongest first, largest context first. */
  readonly byPrice: readonly Deployment[];
  readonly byQuality: readonly Deployment[];
  readonly byContext: readonly Deployment[];
  /** Self-hosted deployments, cheapest first. */
  readonly local: readonly Deployment[];
  readonly size: number;
}

const neutralQuality = 50;

/** Builds the index from configuration and catalog, once at start-up (routing never scans the catalog per request). */
export function buildDeploymentIndex(config: ResolvedConfig, catalog: ModelCatalog): DeploymentIndex {
  const deployments = new Map<string, Deployment>();
  const byName = new Map<string, Deployment[]>();
  const providersByType = new Map<string, string[]>();
  for (const provider of config.providers.values()) {
    const type = provider.preset.catalogProvider ?? provider.preset.id;
    const list = providersByType.get(type) ?? [];
    list.push(provider.name);
    providersByType.set(type, list);
  }
  const create = (
    provider: string,
    model: string,
    entry: CatalogEntry | undefined,
    overrides?: DeploymentOverrides,
  ): Deployment | undefined => {
    const configured = config.providers.get(provider);
    if (!configured) return undefined;
    const catalogProvider = configured.preset.catalogProvider ?? configured.preset.id;
    // Simulator model names may carry fault directives (`demo-fast+cut-5`): priced as their base model.
    const baseName = catalogProvider === 'simulator' ? (model.split('+')[0] ?? model) : model;
    const catalogEntry = entry ?? catalog.find(catalogProvider, baseName);
    return buildDeployment(
      provider,
      model,
      configured.preset.id,
      configured.preset.selfHosted,
      catalogEntry,
      overrides,
    );
  };
  const add = (deployment: Deployment, names: readonly string[]) => {
    deployments.set(deployment.id, deployment);
    for (const name of names) {
      const list = byName.get(name) ?? [];
      list.push(deployment);
      byName.set(name, list);
    }
  };
  for (const entry of catalog.all()) {
    for (const provider of providersByType.get(entry.provider) ?? []) {
      const deployment = create(provider, entry.model, entry);
      if (deployment) add(deployment, [entry.model, ...entry.aliases]);
    }
  }
  for (const alias of config.models.values()) {
    for (const target of alias.targets) {
      const deployment = create(target.provider, target.model, undefined, target.overrides);
      if (deployment && (target.overrides || !deployments.has(deployment.id)))
        deployments.set(deployment.id, deployment);
    }
  }
  const all = [...deployments.values()];
  const price = (deployment: Deployment) =>
    deployment.inputPrice === null || deployment.outputPrice === null
      ? Number.POSITIVE_INFINITY
      : (3 * deployment.inputPrice + deployment.outputPrice) / 4;
  return {
    get: (id) => deployments.get(id),
    byModelName: (name) => byName.get(name) ?? [],
    resolve(provider, model, overrides) {
      const id = `${provider}/${model}`;
      if (!overrides) {
        const known = deployments.get(id);
        if (known) return known;
      }
      const deployment = create(provider, model, undefined, overrides);
      if (deployment && !overrides) deployments.set(id, deployment);
      return deployment;
    },
    byPrice: [...all].sort((a, b) => price(a) - price(b)),
    byQuality: [...all].sort((a, b) => (b.quality ?? neutralQuality) - (a.quality ?? neutralQuality)),
    byContext: [...all].sort((a, b) => (b.contextWindow ?? 0) - (a.contextWindow ?? 0)),
    local: [...all].filter((deployment) => deployment.selfHosted).sort((a, b) => price(a) - price(b)),
    get size() {
      return deployments.size;
    },
  };
}

function buildDeployment(
  provider: string,
  model: string,
  providerType: string,
  selfHosted: boolean,
  entry: CatalogEntry | undefined,
  overrides: DeploymentOverrides | undefined,
): Deployment {
  const capabilities: DeploymentCapabilities = entry
    ? {
        tools: entry.capabilities.tools,
        vision: entry.capabilities.vision,
        jsonSchema: entry.capabilities.jsonSchema,
        reasoning: entry.capabilities.reasoning,
      }
    : {};
  Object.assign(capabilities, overrides?.capabilities);
  const micros = (usd: number | undefined) => (usd === undefined ? undefined : Math.round(usd * 1_000_000));
  return {
    id: `${provider}/${model}`,
    provider,
    model,
    providerType,
    selfHosted,
    capabilities,
    contextWindow: overrides?.contextWindow ?? entry?.contextWindow ?? undefined,
    ...(entry?.maxOutputTokens ? { maxOutputTokens: entry.maxOutputTokens } : {}),
    inputPrice: micros(overrides?.inputPerMillion) ?? entry?.price.inputMicrosPerMillion ?? null,
    outputPrice: micros(overrides?.outputPerMillion) ?? entry?.price.outputMicrosPerMillion ?? null,
    quality: overrides?.quality ?? entry?.quality ?? undefined,
    // The simulator continues trailing assistant messages; other OpenAI-compatible servers are not
    // assumed to (OpenAI itself answers anew), unless configuration says so.
    continuation: overrides?.continuation ?? providerType.startsWith('simulator'),
    embeddingOnly: entry?.capabilities.embeddings === true,
    endpoints: entry ? endpointsOf(entry) : undefined,
  };
}

/** A catalog model serves the special endpoints it is flagged for, or else chat. */
function endpointsOf(entry: CatalogEntry): ReadonlySet<EndpointKind> {
  const { capabilities } = entry;
  const endpoints = new Set<EndpointKind>();
  if (capabilities.embeddings) endpoints.add('embeddings');
  if (capabilities.moderation) endpoints.add('moderations');
  if (capabilities.rerank) endpoints.add('rerank');
  if (capabilities.imageGeneration) endpoints.add('images');
  if (capabilities.speech) endpoints.add('speech');
  if (capabilities.transcription) endpoints.add('transcriptions');
  if (endpoints.size === 0) endpoints.add('chat');
  return endpoints;
}
