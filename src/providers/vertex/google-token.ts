import { readFile } from 'node:fs/promises';
import { GoogleAuth, gaxios, JWT } from 'google-auth-library';
import { GatewayError } from '../../canon/index.js';
import { isWireObject } from '../../codecs/shared/read-fields.js';
import type { CancelSignal, TransportTimeouts } from '../../http/index.js';
import { abandonable } from '../abandonable.js';

const cloudPlatformScope = 'https://www.googleapis.com/auth/cloud-platform';
/** google-auth-library's fixed token endpoint; a key file's own `token_uri` replaces it. */
const googleTokenUrl = 'https://oauth2.googleapis.com/token';
/** Tokens are renewed this long before they expire, so none expires in flight. */
const refreshMarginMs = 5 * 60_000;

/** Something that hands out OAuth access tokens (google-auth-library caches and renews them). */
interface TokenClient {
  getAccessToken(): Promise<{ token?: string | null }>;
}

/**
 * OAuth access tokens for Vertex AI: from a service-account key file (JWT-bearer grant against the key's
 * `token_uri`), or Application Default Credentials when no file is configured. google-auth-library
 * caches each token and renews it `refreshMarginMs` before expiry; concurrent callers share one refresh.
 */
export class GoogleTokenSource {
  private client: Promise<TokenClient> | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    private readonly credentialsFile: string | undefined,
    private readonly timeouts: TransportTimeouts,
    private readonly providerName: string,
  ) {}

  /** A valid token; rejects with `upstream_auth` when the credentials are unusable or refused. */
  token(signal: CancelSignal): Promise<string> {
    if (!this.pending) {
      this.pending = this.fetch().finally(() => {
        this.pending = undefined;
      });
    }
    return abandonable(this.pending, signal);
  }

  private async fetch(): Promise<string> {
    this.client ??= this.createClient();
    let token: string | null | undefined;
    try {
      token = (await (await this.client).getAccessToken()).token;
    } catch (error) {
      // Start afresh next time: a key file fixed on disk, or credentials that appeared, are picked up.
      this.client = undefined;
      if (error instanceof GatewayError) throw error;
      throw new GatewayError(
        'upstream_auth',
        `${this.providerName}: Google OAuth token request failed: ${describe(error)}`,
        { provider: this.providerName, cause: error },
      );
    }
    if (!token)
      throw new GatewayError('upstream_auth', `${this.providerName}: Google returned no access token`);
    return token;
  }

  private async createClient(): Promise<TokenClient> {
    const transporterOptions = { timeout: this.timeouts.headersMs, retry: false };
    if (this.credentialsFile === undefined) {
      return new GoogleAuth({
        scopes: [cloudPlatformScope],
        clientOptions: { transporterOptions },
      }).getClient();
    }
    const key = await this.readKey(this.credentialsFile);
    const transporter = new gaxios.Gaxios(transporterOptions);
    if (key.tokenUri !== googleTokenUrl) {
      // The library posts to Google's endpoint whatever the key says; honour the key's own token_uri.
      const tokenUri = new URL(key.tokenUri);
      transporter.interceptors.request.add({
        resolved: async (options) => {
          if (options.url.href === googleTokenUrl) options.url = tokenUri;
          return options;
        },
      });
    }
    return new JWT({
      email: key.clientEmail,
      key: key.privateKey,
      keyId: key.privateKeyId,
      scopes: [cloudPlatformScope],
      transporter,
      eagerRefreshThresholdMillis: refreshMarginMs,
    });
  }

  private async readKey(
    path: string,
  ): Promise<{ clientEmail: string; privateKey: string; privateKeyId?: string; tokenUri: string }> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      throw new GatewayError(
        'upstream_auth',
        `${this.providerName}: cannot read the service-account key ${path}: ${describe(error)}`,
        { provider: this.providerName },
      );
    }
    if (
      !isWireObject(parsed) ||
      parsed.type !== 'service_account' ||
      typeof parsed.client_email !== 'string' ||
      typeof parsed.private_key !== 'string'
    ) {
      throw new GatewayError(
        'upstream_auth',
        `${this.providerName}: ${path} is not a service-account key (type, client_email, private_key)`,
        { provider: this.providerName },
      );
    }
    return {
      clientEmail: parsed.client_email,
      privateKey: parsed.private_key,
      ...(typeof parsed.private_key_id === 'string' ? { privateKeyId: parsed.private_key_id } : {}),
      tokenUri: typeof parsed.token_uri === 'string' ? parsed.token_uri : googleTokenUrl,
    };
  }
}

/** An error's message without anything that looks like key material. */
function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/-----BEGIN[\s\S]*?-----END[^-]*-----/g, '[key]').slice(0, 300);
}
