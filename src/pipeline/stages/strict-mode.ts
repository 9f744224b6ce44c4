import { GatewayError } from '../../canon/index.js';
import type { Stage } from '../compose.js';

/** Header a caller sets to choose strict translation for one request (`true` or `false`). */
export const strictHeader = 'x-switchyard-strict';

/**
 * Settles whether this request is translated strictly: `ext.switchyard.strict` in the body wins, then
 * the `X-Switchyard-Strict` header, then the configured default (`translation.strict`). In strict mode
 * a parameter the chosen target cannot honour is a 400 naming it instead of a warning (run-attempt.ts).
 */
export function createStrictModeStage(defaultStrict: boolean): Stage {
  return {
    name: 'strict-mode',
    run(context, next) {
      const request = context.request;
      if (request && request.strict === undefined) {
        const fromHeader = readStrictHeader(context.head.headers[strictHeader]);
        const strict = fromHeader ?? defaultStrict;
        if (strict) request.strict = true;
      }
      return next();
    },
  };
}

function readStrictHeader(value: string | string[] | undefined): boolean | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim().toLowerCase();
  if (text === undefined || text === '') return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new GatewayError('invalid_request', `Invalid value for '${strictHeader}': expected true or false.`, {
    param: strictHeader,
  });
}
