import { Pool } from 'undici';
import { GatewayError } from '../canon/errors.js';

/** How connection pools to upstream origins are sized. */
export interface PoolSettings {
  /** Most concurrent sockets to one origin; default 128. */
  connectionsPerOrigin: number;
  /** Requests in flight per socket; 1 means no HTTP/1.1 pipelining. */
  pipelining: number;
}

export const defaultPoolSettings: PoolSettings = { connectionsPerOrigin: 128, pipelining: 1 };

/**
 * Lazily created, reused keep-alive undici Pools, one per upstream origin and connect timeout.
 * The connect timeout is a property of the pool's connector, so a request asking for a
 * different one gets its own pool; in practice each origin uses one.
 */
export class UpstreamPools {
  readonly #settings: PoolSettings;
  readonly #pools = new Map<string, Pool>();
  #closed = false;

  constructor(settings: Partial<PoolSettings> = {}) {
    this.#settings = { ...defaultPoolSettings, ...settings };
  }

  /** True after `close()`; no new pools are handed out. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Number of pools created so far. */
  get size(): number {
    return this.#pools.size;
  }

  /** The pool for `origin` (scheme://host:port) whose connects time out after `connectMs`. */
  get(origin: string, connectMs: number): Pool {
    const key = `${connectMs} ${origin}`;
    let pool = this.#pools.get(key);
    if (pool === undefined) {
      if (this.#closed) throw new GatewayError('internal', 'the upstream HTTP client is closed');
      pool = new Pool(origin, {
        connections: this.#settings.connectionsPerOrigin,
        pipelining: this.#settings.pipelining,
        connect: { timeout: connectMs },
      });
      this.#pools.set(key, pool);
    }
    return pool;
  }

  /** Closes every pool, letting in-flight requests finish first. */
  async close(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  /** Closes every pool at once, failing in-flight requests. */
  async destroy(): Promise<void> {
    this.#closed = true;
    const pools = [...this.#pools.values()];
    this.#pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy()));
  }
}
