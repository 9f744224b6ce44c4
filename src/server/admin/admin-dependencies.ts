import type { KeyService } from '../../auth/index.js';
import type { Secret } from '../../config/index.js';
import type { CreditsAdmin } from '../../governance/credits-api.js';
import type { KeysRepository, PlansRepository, TeamsRepository, UsageRepository } from '../../store/index.js';

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
  /** Bodies larger than this are refused with 413. */
  maxBodyBytes: number;
  now?: () => number;
}
