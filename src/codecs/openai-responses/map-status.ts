import type { FinishReason } from '../../canon/index.js';

type WireObject = Record<string, unknown>;

/** How a finished answer is described on a Response object. */
export interface ResponseStatus {
  status: 'completed' | 'incomplete' | 'failed';
  incompleteDetails: WireObject | null;
  error: WireObject | null;
}

/**
 * Canonical finish → Response `status`. Responses has no finish reason: a tool call is `completed` with
 * `function_call` items; only a length cut or a filter makes it `incomplete`.
 */
export function encodeResponsesStatus(finish: FinishReason): ResponseStatus {
  switch (finish.unified) {
    case 'length':
      return { status: 'incomplete', incompleteDetails: { reason: 'max_output_tokens' }, error: null };
    case 'content-filter':
      return { status: 'incomplete', incompleteDetails: { reason: 'content_filter' }, error: null };
    case 'error':
      return {
        status: 'failed',
        incompleteDetails: null,
        error: {
          code: 'server_error',
          message: `the upstream model stopped with an error${finish.raw ? ` (${finish.raw})` : ''}`,
        },
      };
    default:
      return { status: 'completed', incompleteDetails: null, error: null };
  }
}

/** Response `status` (+ `incomplete_details.reason`) → canonical finish. */
export function mapResponsesStatus(
  status: string,
  incompleteReason: string | undefined,
  hasToolCalls: boolean,
): FinishReason {
  if (status === 'incomplete') {
    if (incompleteReason === 'max_output_tokens') return { unified: 'length', raw: incompleteReason };
    if (incompleteReason === 'content_filter') return { unified: 'content-filter', raw: incompleteReason };
    return { unified: 'other', raw: incompleteReason ?? status };
  }
  if (status === 'completed')
    return hasToolCalls ? { unified: 'tool-calls', raw: status } : { unified: 'stop', raw: status };
  return { unified: 'other', raw: status };
}
