import type { CanonRequest } from '../../canon/index.js';
import { expectObject, invalidField, optionalBoolean, type WireObject } from './read-fields.js';

/** The `ext` entry addressed to the gateway itself rather than to a provider. */
export const gatewayExtensionKey = 'switchyard';

/** Keys of `ext.switchyard`. */
const gatewayOptions: ReadonlySet<string> = new Set(['strict']);

/**
 * Reads the `ext` namespace every JSON ingress shape accepts: provider-specific parameters keyed by
 * provider family or provider name (`{"anthropic": {"top_k": 5}}`, `{"groq": {...}}`), each an object,
 * plus `ext.switchyard` for the gateway's own options (`strict`). Sets `request.ext` and
 * `request.strict`; a malformed entry is a 400 naming it (`ext.anthropic`, `ext.switchyard.strict`).
 */
export function decodeExtensions(body: WireObject, request: CanonRequest): void {
  const value = body.ext;
  if (value === undefined || value === null) return;
  const ext = expectObject(value, 'ext');
  const providers: Record<string, Record<string, unknown>> = {};
  for (const [family, entry] of Object.entries(ext)) {
    const path = `ext.${family}`;
    if (family.length === 0) invalidField('ext', 'expected provider names as keys, got an empty key.');
    const parameters = expectObject(entry, path);
    if (family === gatewayExtensionKey) {
      decodeGatewayOptions(parameters, request);
      continue;
    }
    if (Object.keys(parameters).length > 0) providers[family] = { ...parameters };
  }
  if (Object.keys(providers).length > 0) request.ext = providers;
}

function decodeGatewayOptions(options: WireObject, request: CanonRequest): void {
  for (const key of Object.keys(options)) {
    if (!gatewayOptions.has(key)) {
      invalidField(`ext.${gatewayExtensionKey}.${key}`, `unknown gateway option (known: strict).`);
    }
  }
  const strict = optionalBoolean(options, 'strict', `ext.${gatewayExtensionKey}`);
  if (strict !== undefined) request.strict = strict;
}
