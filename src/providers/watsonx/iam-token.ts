import { request } from 'undici';
import { GatewayError } from '../../canon/index.js';
import { isWireObject } from '../../codecs/shared/read-fields.js';
import { scrubSecrets } from '../../codecs/shared/upstream-error.js';
import type { CancelSignal, TransportTimeouts } from '../../http/index.js';
import { abandonable } from '../abandonable.js';

/** Tokens are renewed this long before IBM's `expiration`, so none expires in flight. */
const refreshMarginMs = 5 * 60_000;

/**
 * IBM Cloud IAM access tokens for one API key: `POST {iam}/identity/token` with the API-key grant,
 * cached until shortly before `expiration`. Concurrent callers share one exchange.
 */
export class IamTokenSource {
  private cached: { token: string; renewAt: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly iamUrl: string,
    private readonly apiKey: string,
    private readonly timeouts: TransportTimeouts,
    private readonly providerName: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** A valid token; rejects with `upstream_auth` when IAM refuses the key. `signal` abandons the wait only. */
  async token(signal: CancelSignal): Promise<string> {
    if (this.cached && this.now() < this.cached.renewAt) return this.cached.token;
    if (!this.pending) {
      this.pending = this.exchange().finally(() => {
        this.pending = undefined;
      });
    }
    return abandonable(this.pending, signal);
  }

  private async exchange(): Promise<string> {
    const url = `${this.iamUrl.replace(/\/+$/, '')}/identity/token`;
    const body = new URLSearchParams({
      grant_type: 'urn:ibm:params:oauth:grant-type:apikey',
      apikey: this.apiKey,
    }).toString();
    let status: number;
    let text: string;
    try {
      const response = await request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
      });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      throw new GatewayError('upstream_unavailable', `${this.providerName}: IAM token service unreachable`, {
        provider: this.providerName,
        cause: error,
      });
    }
    const parsed = parseJson(text);
    if (status >= 400 || !isWireObject(parsed) || typeof parsed.access_token !== 'string') {
      const message =
        isWireObject(parsed) && typeof parsed.errorMessage === 'string' ? parsed.errorMessage : text;
      throw new GatewayError(
        status >= 500 ? 'upstream_unavailable' : 'upstream_auth',
        `${this.providerName}: IAM token exchange failed (${status}): ${scrubSecrets(message).slice(0, 300)}`,
        { provider: this.providerName, upstreamStatus: status },
      );
    }
    const expiresAtMs =
      typeof parsed.expiration === 'number'
        ? parsed.expiration * 1000
        : this.now() + (typeof parsed.expires_in === 'number' ? parsed.expires_in : 3600) * 1000;
    // A token shorter-lived than the margin is still used once rather than fetched on every request.
    const renewAt = Math.max(
      expiresAtMs - refreshMarginMs,
      this.now() + Math.min(60_000, (expiresAtMs - this.now()) / 2),
    );
    this.cached = { token: parsed.access_token, renewAt };
    return parsed.access_token;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
