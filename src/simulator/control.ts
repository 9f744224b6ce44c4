import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SimulatorContext } from './context.js';

/** The `/_sim/*` endpoints: health, request records and reset. They are never recorded themselves. */
export function handleControl(
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
  context: SimulatorContext,
): void {
  const send = (status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
  };
  // Drain any body so keep-alive connections stay usable.
  request.resume();
  const key = `${request.method ?? 'GET'} ${path}`;
  if (key === 'GET /_sim/health') {
    send(200, { status: 'ok' });
    return;
  }
  if (key === 'GET /_sim/requests') {
    send(200, context.recorder.list());
    return;
  }
  if (key === 'DELETE /_sim/requests') {
    context.recorder.clear();
    send(200, { cleared: true });
    return;
  }
  if (key === 'POST /_sim/reset') {
    context.recorder.clear();
    context.faults.clear();
    send(200, { reset: true });
    return;
  }
  send(404, {
    error: {
      message: `Unknown simulator control path (${key})`,
      type: 'invalid_request_error',
      param: null,
      code: null,
    },
  });
}
