import { GatewayError } from '../canon/index.js';
import type { ResolvedProvider } from '../config/index.js';
import type { HttpRequestSpec, UpstreamResponse } from '../http/index.js';

/** The provider's auth and extra headers, as its preset says (bearer, a named header, or none). */
export function providerHeaders(
  provider: ResolvedProvider,
  contentType = 'application/json',
): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': contentType,
    accept: 'application/json',
    ...provider.headers,
  };
  const key = provider.apiKey?.reveal();
  const auth = provider.preset.auth;
  if (key !== undefined && key !== '') {
    if (auth.style === 'bearer') headers.authorization = `Bearer ${key}`;
    else if (auth.style === 'header') headers[auth.header.toLowerCase()] = key;
  }
  return headers;
}

/** A JSON POST to `${baseUrl}${path}`. */
export function postJson(provider: ResolvedProvider, path: string, body: unknown): HttpRequestSpec {
  return {
    url: `${provider.baseUrl.replace(/\/+$/, '')}${path}`,
    method: 'POST',
    headers: providerHeaders(provider),
    body: JSON.stringify(body),
  };
}

/** The JSON body of a 2xx answer, which must be an object. */
export async function readJsonObject(
  response: UpstreamResponse,
  what: string,
): Promise<Record<string, unknown>> {
  const body = await response.json();
  if (!isObject(body)) throw protocolError(`${what}: expected a JSON object`);
  return body;
}

/** Reads a whole binary body (speech audio), bounded so a runaway upstream cannot exhaust memory. */
export async function readBytes(response: UpstreamResponse, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw protocolError(`upstream answer exceeds ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export function protocolError(message: string): GatewayError {
  return new GatewayError('upstream_protocol', `upstream answer not understood: ${message}`);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number array (one embedding vector), or undefined. */
export function readVector(value: unknown): number[] | undefined {
  if (!Array.isArray(value)) return undefined;
  for (const item of value) if (typeof item !== 'number' || !Number.isFinite(item)) return undefined;
  return value as number[];
}
