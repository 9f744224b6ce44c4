import type { ServerResponse } from 'node:http';
import type { z } from 'zod';
import { GatewayError } from '../../canon/index.js';
import { sendJson } from '../respond.js';

/** The admin API's error word for each status it answers with. */
const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  405: 'method_not_allowed',
  409: 'conflict_error',
  413: 'request_too_large',
  415: 'unsupported_media_type',
  501: 'not_implemented',
};

/** `{error: {type, message, param}}` with the error's status; 5xx messages stay generic. */
export function sendAdminError(response: ServerResponse, error: GatewayError): void {
  const status = error.status;
  const type = typeByStatus[status] ?? (status >= 500 ? 'server_error' : 'invalid_request_error');
  const message = status >= 500 && status !== 501 ? 'internal error' : error.message;
  sendJson(response, status, { error: { type, message, param: toSnakeCase(error.details.param) ?? null } });
}

/** A 409: the request conflicts with what is stored (an id taken, a plan still in use). */
export function conflict(message: string, param?: string): GatewayError {
  return new GatewayError('invalid_request', message, { status: 409, ...(param ? { param } : {}) });
}

export function notFound(message: string): GatewayError {
  return new GatewayError('not_found', message);
}

/** A 400 naming the first field zod rejected (`a.b[0]`), with every problem in the message. */
export function validationError(error: z.ZodError, where: 'body' | 'query' | 'path'): GatewayError {
  const problems = error.issues.map((issue) => {
    const path = formatPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`).join('; ');
    }
    return `${path || where}: ${issue.message.replace(/^Invalid input: /, '')}`;
  });
  const first = error.issues[0];
  const param =
    first === undefined
      ? undefined
      : first.code === 'unrecognized_keys'
        ? formatPath([...first.path, first.keys[0] ?? ''])
        : formatPath(first.path);
  return new GatewayError('invalid_request', `Invalid ${where}: ${problems.join('; ')}`, {
    ...(param ? { param } : {}),
  });
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text.length === 0 ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** Services name fields in camelCase; the admin API speaks snake_case. */
function toSnakeCase(param: string | undefined): string | undefined {
  return param?.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
