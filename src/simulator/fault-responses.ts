import type { SimulatedError } from './errors.js';
import type { Exchange } from './exchange.js';
import type { AppliedFault, Fault } from './faults.js';
import { protocolStatusError } from './protocol.js';

/**
 * Handles the faults that replace the whole answer (reset, silence, HTTP status); returns true
 * when the exchange has been dealt with.
 */
export function answerEarlyFault(exchange: Exchange, applied: AppliedFault, model: string): boolean {
  const { fault } = applied;
  exchange.record.fault = applied.name;
  exchange.recordChanged();
  if (fault.reset) {
    exchange.destroy(true);
    return true;
  }
  // Silence: the request stays unanswered; the record ends (aborted) when the client leaves.
  if (fault.silence) return true;
  if (fault.status !== undefined) {
    const error = protocolStatusError(exchange.record.protocol, fault.status, model, fault.retryAfterSeconds);
    sendErrorWithFault(exchange, error, fault);
    return true;
  }
  return false;
}

/** Sends an error envelope, after the `slow-MS` pause when there is one. */
export function sendErrorWithFault(exchange: Exchange, error: SimulatedError, fault: Fault): void {
  const send = () => exchange.sendError(error);
  if (fault.slowMs) exchange.schedule(send, fault.slowMs);
  else send();
}

/**
 * Sends a successful JSON answer honouring `slow-MS` (pause before the headers) and `cut-N`
 * (headers and about half the body, then the socket is destroyed).
 */
export function sendJsonWithFault(
  exchange: Exchange,
  body: string,
  fault: Fault,
  contentType = 'application/json',
): void {
  const send = () => {
    if (fault.cutAfter === undefined) {
      exchange.sendJson(200, body, { 'content-type': contentType });
      return;
    }
    exchange.sendHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
    exchange.response.write(body.slice(0, Math.floor(body.length / 2)), () => exchange.destroy());
  };
  if (fault.slowMs) exchange.schedule(send, fault.slowMs);
  else send();
}
