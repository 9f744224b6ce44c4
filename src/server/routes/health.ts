import type { ServerResponse } from 'node:http';
import { sendJson } from '../respond.js';

/** What readiness depends on. */
export interface ReadinessProbe {
  storeReachable(): Promise<boolean>;
  providerCount(): number;
}

/** `GET /health`: the process is alive. */
export function handleHealth(response: ServerResponse): void {
  sendJson(response, 200, { status: 'ok' });
}

/** `GET /ready`: the store answers and at least one provider is configured. */
export async function handleReady(response: ServerResponse, probe: ReadinessProbe): Promise<void> {
  let store = false;
  try {
    store = await probe.storeReachable();
  } catch {
    store = false;
  }
  const providers = probe.providerCount();
  const ready = store && providers > 0;
  sendJson(response, ready ? 200 : 503, {
    status: ready ? 'ready' : 'not_ready',
    checks: {
      store: store ? 'ok' : 'unreachable',
      providers: providers > 0 ? `${providers} configured` : 'none configured',
    },
  });
}
