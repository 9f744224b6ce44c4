import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../canon/index.js';
import { decodeGeminiError, decodeGeminiErrorObject, encodeGeminiError } from './map-error.js';

const provider = { id: 'google', model: 'gemini-2.5-flash' };

function fixture(name: string): string {
  return readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
}

describe('decodeGeminiError', () => {
  it('429 RESOURCE_EXHAUSTED → upstream_rate_limited with RetryInfo as retryAfterMs', () => {
    const error = decodeGeminiError(429, fixture('error-429.json'), {}, provider);
    expect(error.kind).toBe('upstream_rate_limited');
    expect(error.details.retryAfterMs).toBe(37_000);
    expect(error.details.upstreamStatus).toBe(429);
    expect(error.message).toContain('exceeded your current quota');
  });

  it('a Retry-After header wins over RetryInfo', () => {
    const error = decodeGeminiError(429, fixture('error-429.json'), { 'retry-after': '5' }, provider);
    expect(error.details.retryAfterMs).toBe(5000);
  });

  it('INVALID_ARGUMENT about the token count → context_length_exceeded', () => {
    expect(decodeGeminiError(400, fixture('error-context.json'), {}, provider).kind).toBe(
      'context_length_exceeded',
    );
  });

  it('an invalid API key (400) and FAILED_PRECONDITION are upstream_auth; other 400s are bad requests', () => {
    expect(decodeGeminiError(400, fixture('error-api-key.json'), {}, provider).kind).toBe('upstream_auth');
    const precondition = JSON.stringify({
      error: { code: 400, message: 'User location is not supported.', status: 'FAILED_PRECONDITION' },
    });
    expect(decodeGeminiError(400, precondition, {}, provider).kind).toBe('upstream_auth');
    const invalid = JSON.stringify({
      error: { code: 400, message: 'Bad schema', status: 'INVALID_ARGUMENT' },
    });
    expect(decodeGeminiError(400, invalid, {}, provider).kind).toBe('upstream_bad_request');
  });

  it('classifies the other statuses, reads the array-wrapped form, and survives a non-JSON body', () => {
    const body = (code: number, status: string) =>
      JSON.stringify({ error: { code, message: status, status } });
    expect(decodeGeminiError(503, body(503, 'UNAVAILABLE'), {}, provider).kind).toBe('upstream_overloaded');
    expect(decodeGeminiError(504, body(504, 'DEADLINE_EXCEEDED'), {}, provider).kind).toBe(
      'upstream_timeout',
    );
    expect(decodeGeminiError(500, body(500, 'INTERNAL'), {}, provider).kind).toBe('upstream_unavailable');
    expect(decodeGeminiError(403, body(403, 'PERMISSION_DENIED'), {}, provider).kind).toBe('upstream_auth');
    expect(decodeGeminiError(404, body(404, 'NOT_FOUND'), {}, provider).kind).toBe('upstream_unavailable');
    const wrapped = decodeGeminiError(429, `[${fixture('error-429.json')}]`, {}, provider);
    expect(wrapped.details.retryAfterMs).toBe(37_000);
    const html = decodeGeminiError(502, '<html>Bad Gateway</html>', {}, provider);
    expect(html.kind).toBe('upstream_unavailable');
    expect(html.message).toContain('Bad Gateway');
  });

  it('an error object in a stream takes its status from the error code', () => {
    const error = decodeGeminiErrorObject(
      { error: { code: 429, message: 'slow down', status: 'RESOURCE_EXHAUSTED' } },
      provider,
    );
    expect(error.kind).toBe('upstream_rate_limited');
    expect(decodeGeminiErrorObject({ error: { message: 'boom' } }, provider).kind).toBe(
      'upstream_unavailable',
    );
  });
});

describe('encodeGeminiError', () => {
  it('renders the google.rpc envelope with the catalog status word and a field violation', () => {
    const error = new GatewayError('invalid_request', "Invalid value for 'contents[0].role'", {
      param: 'contents[0].role',
    });
    expect(encodeGeminiError(error)).toEqual({
      status: 400,
      body: {
        error: {
          code: 400,
          message: "Invalid value for 'contents[0].role'",
          status: 'INVALID_ARGUMENT',
          details: [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'INVALID_REQUEST',
              domain: 'switchyard',
            },
            {
              '@type': 'type.googleapis.com/google.rpc.BadRequest',
              fieldViolations: [
                { field: 'contents[0].role', description: "Invalid value for 'contents[0].role'" },
              ],
            },
          ],
        },
      },
    });
  });

  it('uses each kind’s status, and adds RetryInfo when a retry delay is known', () => {
    const limited = encodeGeminiError(new GatewayError('rate_limited', 'slow down', { retryAfterMs: 1500 }));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      error: {
        code: 429,
        status: 'RESOURCE_EXHAUSTED',
        details: [
          expect.anything(),
          { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' },
        ],
      },
    });
    expect(encodeGeminiError(new GatewayError('unauthenticated', 'no key')).body).toMatchObject({
      error: { code: 401, status: 'UNAUTHENTICATED' },
    });
    expect(encodeGeminiError(new GatewayError('model_not_found', 'no model')).status).toBe(404);
  });
});
