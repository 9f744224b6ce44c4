import type { SimulatorContext } from './context.js';
import { invalidRequest, missingParameter } from './errors.js';
import type { Exchange } from './exchange.js';
import { answerEarlyFault, sendJsonWithFault } from './fault-responses.js';
import { promptImagePng } from './media.js';
import { parseModelRequest } from './model-request.js';

/**
 * `POST /v1/images/generations`: `n` (1-10) deterministic 8×8 PNGs of the prompt, as `b64_json` or as
 * a `url` (a `data:` URL, so no file server is needed). Image `i` is the image of `prompt#i`.
 */
export function handleImages(exchange: Exchange, raw: string, context: SimulatorContext): void {
  const parsed = parseModelRequest(raw, exchange.record);
  if ('status' in parsed) {
    exchange.sendError(parsed);
    return;
  }
  const applied = context.faults.apply(parsed.model, parsed.parsed, Date.now());
  if (answerEarlyFault(exchange, applied, parsed.model)) return;
  const { prompt, n = 1, response_format: format = 'url' } = parsed.body;
  if (typeof prompt !== 'string' || prompt === '') {
    exchange.sendError(missingParameter('prompt'));
    return;
  }
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 10) {
    exchange.sendError(invalidRequest("'n' must be an integer from 1 to 10.", 'n', 'invalid_value'));
    return;
  }
  if (format !== 'url' && format !== 'b64_json') {
    exchange.sendError(
      invalidRequest("'response_format' must be 'url' or 'b64_json'.", 'response_format', 'invalid_value'),
    );
    return;
  }
  const data = Array.from({ length: n }, (_, index) => {
    const base64 = promptImagePng(`${prompt}#${index}`).toString('base64');
    return format === 'b64_json'
      ? { b64_json: base64, revised_prompt: prompt }
      : { url: `data:image/png;base64,${base64}`, revised_prompt: prompt };
  });
  const body = { created: Math.floor(Date.now() / 1000), data };
  sendJsonWithFault(exchange, JSON.stringify(body), applied.fault);
}
