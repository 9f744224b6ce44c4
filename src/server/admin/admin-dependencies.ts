import type { KeyCache, KeyService } from '../../auth/index.js';
import type { ResolvedConfig, Secret } from '../../config/index.js';
import type { CreditsAdmin } from '../../governance/credits-api.js';
import type {
  KeysRepository,
  PlansRepository,
  Store,
  TeamsRepository,
  UsageRepository,
} from '../../store/index.js';

/** What the admin API is built from (wired in app.ts). */
export interface AdminDependencies {
  /** Without one, every call but the OpenAPI document is refused with a 403 saying how to set it. */
  adminKey: Secret | undefined;
  keys: KeyService;
  keyRepository: Pick<KeysRepository, 'page' | 'countUnrevoked'>;
  teams: TeamsRepository;
  plans: PlansRepository;
  usage: UsageRepository;
  /** The prepaid-credits ledger; without it the credits endpoints answer 501. */
  credits: CreditsAdmin | undefined;
  /** Called after every key change so this process's key cache sees it at once. */
  onKeysChanged(): Promise<void>;
  /** Called after every team or plan change so this process's policy cache sees it at once. */
  onPoliciesChanged(): Promise<void>;
  /** Bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  now?: () => number;
}

/** Admin bodies are small documents; anything bigger is a mistake or an attack. */
const adminMaxBodyBytes = 65_536;

/** The admin API's dependencies from the app's parts (credits: undefined until the ledger exists → 501). */
export function wireAdminApi(parts: {
  config: ResolvedConfig;
  store: Store;
  keys: KeyService;
  keyCache: Pick<KeyCache, 'refresh'>;
  /** The governance policy cache (teams and plans). */
  policies: { refresh(): Promise<void> };
  credits: CreditsAdmin | undefined;
}): AdminDependencies {
  return {
    adminKey: parts.config.admin.key,
    keys: parts.keys,
    keyRepository: parts.store.keys,
    teams: parts.store.teams,
    plans: parts.store.plans,
    usage: parts.store.usage,
    credits: parts.credits,
    onKeysChanged: () => parts.keyCache.refresh(),
    onPoliciesChanged: () => parts.policies.refresh(),
    maxBodyBytes: Math.min(parts.config.server.maxBodyBytes, adminMaxBodyBytes),
  };
}
