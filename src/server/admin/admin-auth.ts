import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { GatewayError } from '../../canon/index.js';
import type { Secret } from '../../config/index.js';

/**
 * Checks `Authorization: Bearer <admin key>`. Both sides are hashed to sha256 first, so the
 * comparison is constant-time over equal lengths whatever the presented length.
 */
export function createAdminAuthenticator(
  adminKey: Secret | undefined,
): (headers: IncomingHttpHeaders) => void {
  const expected = adminKey === undefined ? undefined : sha256(adminKey.reveal());
  return (headers) => {
    if (expected === undefined) {
      throw new GatewayError(
        'forbidden',
        'The admin API is disabled: set the SWITCHYARD_ADMIN_KEY environment variable (at least 16 characters) or admin.key in switchyard.yaml, then restart the gateway.',
      );
    }
    const header = headers.authorization;
    const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
    const presented = match?.[1];
    if (presented === undefined) {
      throw new GatewayError('unauthenticated', 'Missing admin key: send Authorization: Bearer <admin key>.');
    }
    if (!timingSafeEqual(sha256(presented), expected)) {
      // Virtual keys open the inference API only; saying so saves a confused operator some time.
      const hint = presented.startsWith('sy_') ? ' (virtual keys are not admin keys)' : '';
      throw new GatewayError('unauthenticated', `Invalid admin key${hint}.`);
    }
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
