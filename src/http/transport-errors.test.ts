import { describe, expect, it } from 'vitest';
import { GatewayError } from '../canon/errors.js';
import { defaultTransportTimeouts, mapTransportError } from './transport-errors.js';

const origin = 'https://api.example.com';

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}

function kindOf(error: unknown, signal?: AbortSignal): string {
  return mapTransportError(error, origin, defaultTransportTimeouts, signal).kind;
}

describe('mapTransportError', () => {
  it('maps undici and socket codes to gateway kinds', () => {
    expect(kindOf(withCode('UND_ERR_CONNECT_TIMEOUT'))).toBe('upstream_timeout');
    expect(kindOf(withCode('UND_ERR_HEADERS_TIMEOUT'))).toBe('upstream_timeout');
    expect(kindOf(withCode('UND_ERR_BODY_TIMEOUT'))).toBe('upstream_timeout');
    expect(kindOf(withCode('ETIMEDOUT'))).toBe('upstream_timeout');
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'UND_ERR_SOCKET', 'EAI_AGAIN']) {
      expect(kindOf(withCode(code))).toBe('upstream_unavailable');
    }
    expect(kindOf(new Error('other side closed'))).toBe('upstream_unavailable');
    expect(kindOf(withCode('CERT_HAS_EXPIRED'))).toBe('upstream_unavailable');
    expect(kindOf(withCode('HPE_INVALID_CONSTANT'))).toBe('upstream_protocol');
    expect(kindOf(withCode('UND_ERR_RES_CONTENT_LENGTH_MISMATCH'))).toBe('upstream_protocol');
    expect(kindOf(withCode('UND_ERR_INVALID_ARG'))).toBe('internal');
    expect(kindOf(new TypeError('boom'))).toBe('internal');
  });

  it('looks inside AggregateError and cause', () => {
    const aggregate = new AggregateError(
      [withCode('ECONNREFUSED'), withCode('ECONNREFUSED')],
      'connect failed',
    );
    expect(kindOf(aggregate)).toBe('upstream_unavailable');
    expect(kindOf(new Error('wrapped', { cause: withCode('UND_ERR_HEADERS_TIMEOUT') }))).toBe(
      'upstream_timeout',
    );
  });

  it('names the origin and the limit, and keeps the cause', () => {
    const cause = withCode('UND_ERR_BODY_TIMEOUT');
    const error = mapTransportError(cause, origin, { connectMs: 1, headersMs: 2, bodyMs: 3 });
    expect(error.message).toBe(
      'upstream https://api.example.com timed out reading the response body after 3 ms (UND_ERR_BODY_TIMEOUT)',
    );
    expect(error.details.cause).toBe(cause);
    expect(error.cause).toBe(cause);
  });

  it('prefers the abort signal: client_closed, or the GatewayError reason itself', () => {
    expect(kindOf(withCode('UND_ERR_SOCKET'), AbortSignal.abort())).toBe('client_closed');
    const reason = new GatewayError('upstream_timeout', 'deadline');
    const controller = new AbortController();
    controller.abort(reason);
    expect(
      mapTransportError(withCode('UND_ERR_ABORTED'), origin, defaultTransportTimeouts, controller.signal),
    ).toBe(reason);
  });

  it('passes GatewayErrors through', () => {
    const error = new GatewayError('upstream_protocol', 'bad');
    expect(mapTransportError(error, origin, defaultTransportTimeouts)).toBe(error);
  });
});
