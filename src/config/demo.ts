import type { ModelCatalog } from '../catalog/types.js';
import { simulatorPlaceholderBaseUrl } from '../providers/presets/self-hosted-presets.js';
import type { Environment, ProviderPreset } from '../providers/presets/types.js';
import { ConfigError } from './config-error.js';
import { resolveConfig } from './resolve.js';
import { resolveAdmin } from './resolve-admin.js';
import type { RawConfig, RawModel, RawRouting } from './schema.js';
import type { ResolvedConfig } from './types.js';

/** The simulator models the demo exposes, each priced in the catalog under provider `simulator`. */
export const demoModelNames = [
  'demo-fast',
  'demo-smart',
  'demo-reasoner',
  'demo-local',
  'demo-embed',
  'demo-moderation',
  'demo-rerank',
  'demo-image',
  'demo-tts',
  'demo-transcribe',
] as const;

/**
 * Routing that makes `model: "auto"`, `smart/balanced` and `industry:legal` work out of the box,
 * each over the simulator models, so the demo shows every routing form without a real provider.
 */
const demoRouting: RawRouting = {
  auto: {
    classes: {
      code: ['demo-smart'],
      reasoning: ['demo-reasoner'],
      summary: ['demo-fast'],
      long_context: ['demo-smart'],
      chat: ['demo-fast'],
    },
    premium: ['demo-smart'],
  },
  policies: {
    'smart/balanced': { strategy: 'cost', models: ['demo-fast', 'demo-smart', 'demo-reasoner'] },
  },
  industries: {
    legal: { preferred: ['demo-smart'], allowed: ['demo-smart', 'demo-reasoner'] },
  },
};

/** What the demo configuration needs. */
export interface DemoOptions {
  dataDir: string;
  presets: ReadonlyMap<string, ProviderPreset>;
  catalog?: ModelCatalog;
  /** Read only for SWITCHYARD_ADMIN_KEY (the demo's providers need no variables). */
  env?: Environment;
  /** The in-process simulator's URL (with `/v1`); omit to fill it later with `withSimulatorBaseUrl`. */
  simulatorBaseUrl?: string;
}

/**
 * The configuration used when nothing is configured: one `simulator` provider, an alias per demo
 * model, `demo` (demo-fast, falling back to demo-smart), and routing for `auto`, the
 * `smart/balanced` policy and the `legal` industry. `demo: true` lets the start banner
 * say plainly that answers come from the simulator, not from a real model.
 */
export function buildDemoConfiguration(options: DemoOptions): ResolvedConfig {
  const models: Record<string, RawModel> = {};
  for (const name of demoModelNames) models[name] = { targets: [{ provider: 'simulator', model: name }] };
  models.demo = { targets: [{ provider: 'simulator', model: 'demo-fast' }], fallbacks: ['demo-smart'] };
  // One model per upstream protocol, so the demo exercises every egress codec, not only OpenAI's.
  models['demo-anthropic'] = { targets: [{ provider: 'simulator-anthropic', model: 'demo-smart' }] };
  models['demo-gemini'] = { targets: [{ provider: 'simulator-gemini', model: 'demo-fast' }] };
  const raw: RawConfig = {
    providers: {
      simulator: { type: 'simulator' },
      'simulator-anthropic': { type: 'simulator-anthropic' },
      'simulator-gemini': { type: 'simulator-gemini' },
    },
    models,
    routing: demoRouting,
  };
  const resolved = resolveConfig(raw, {
    env: {},
    dataDir: options.dataDir,
    presets: options.presets,
    catalog: options.catalog,
    source: 'demo',
  });
  const issues: string[] = [];
  const admin = resolveAdmin(undefined, options.env ?? {}, issues);
  if (issues.length > 0) throw new ConfigError(issues, 'demo');
  const demo = { ...resolved, demo: true, admin };
  return options.simulatorBaseUrl === undefined ? demo : withSimulatorBaseUrl(demo, options.simulatorBaseUrl);
}

/**
 * Points every simulator provider (any protocol) that still has a placeholder URL — origin
 * `http://127.0.0.1:0` — at the simulator that now listens, keeping each placeholder's path (`/v1`,
 * `/v1beta`). Providers with an explicit `baseUrl` (an external simulator) are left alone.
 */
export function withSimulatorBaseUrl(config: ResolvedConfig, baseUrl: string): ResolvedConfig {
  const normalised = baseUrl.trim().replace(/\/+$/, '');
  if (!URL.canParse(normalised) || !/^https?:$/.test(new URL(normalised).protocol)) {
    throw new ConfigError([`simulator base URL: "${baseUrl}" is not a valid http(s) URL`], config.source);
  }
  const origin = new URL(normalised).origin;
  const providers = new Map(
    [...config.providers].map(([name, provider]) => [
      name,
      isSimulatorPlaceholder(provider.baseUrl)
        ? { ...provider, baseUrl: `${origin}${provider.baseUrl.slice(placeholderOrigin.length)}` }
        : provider,
    ]),
  );
  return { ...config, providers };
}

const placeholderOrigin = new URL(simulatorPlaceholderBaseUrl).origin;

/** A base URL still waiting for the in-process simulator's port. */
export function isSimulatorPlaceholder(baseUrl: string): boolean {
  return baseUrl === placeholderOrigin || baseUrl.startsWith(`${placeholderOrigin}/`);
}
