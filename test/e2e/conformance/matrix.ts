/**
 * The conformance matrix: every client SDK × every upstream protocol × every scenario, driven
 * end to end through a running gateway and its simulator. Each client file calls
 * `conformanceSuite` once; the test titles (client › protocol › scenario ids) are what
 * `scripts/conformance-report.ts` reads back from vitest's JSON reporter.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Simulator, SimulatorRecord } from '../../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import {
  type ClientId,
  notApplicable,
  PROTOCOLS,
  type ProtocolId,
  SCENARIOS,
  type ScenarioId,
} from './matrix-definition.js';

export * from './matrix-definition.js';

/**
 * One provider per protocol and, per protocol, four aliases: `<p>` answers normally, `<p>-429`
 * and `<p>-429-stream` are always rate limited (Retry-After too long for the gateway to retry; two
 * deployments because the first 429 puts its deployment in cooldown), `<p>-cut` drops the stream
 * after three content chunks. Aliases keep slashes and `+` out of the model names, which
 * Gemini's URL paths and some SDKs treat specially.
 */
export const conformanceYaml = `
server: { maxBodyBytes: 1048576 }
logging: { level: silent }
providers:
${PROTOCOLS.map((protocol) => `  ${protocol.id}: { type: ${protocol.providerType} }`).join('\n')}
models:
${PROTOCOLS.map(
  (protocol) => `  ${protocol.id}: { targets: [ { provider: ${protocol.id}, model: demo-fast } ] }
  ${protocol.id}-429: { targets: [ { provider: ${protocol.id}, model: "demo-fast+429-ra30" } ] }
  ${protocol.id}-429-stream: { targets: [ { provider: ${protocol.id}, model: "demo-smart+429-ra30" } ] }
  ${protocol.id}-cut: { targets: [ { provider: ${protocol.id}, model: "demo-fast+cut-3" } ] }`,
).join('\n')}
`;

/** What a case body gets: the running gateway, the protocol under test and a unique prompt marker. */
export interface CaseContext {
  harness: TestGateway;
  protocol: ProtocolId;
  /** The alias answered normally by this protocol's simulator. */
  model: string;
  /** Always answered with 429 upstream; one request per case (a 429 starts a cooldown). */
  rateLimitedModel: string;
  /** The same for the streamed request of the error case. */
  rateLimitedStreamModel: string;
  /** Streams cut after three content chunks upstream. */
  cutModel: string;
  /** Unique per case, put it in the prompt to find the upstream request among the records. */
  marker: string;
  /** The upstream requests whose body contains `text` (default: the marker). */
  upstream(text?: string): SimulatorRecord[];
}

export type CaseBody = (context: CaseContext) => Promise<void>;

/** Registers one client's row of the matrix: a gateway for the file, then protocol × scenario. */
export function conformanceSuite(client: ClientId, cases: Record<ScenarioId, CaseBody>): void {
  let harness: TestGateway;
  beforeAll(async () => {
    harness = await startTestGateway({ yaml: conformanceYaml });
  });
  afterAll(async () => {
    await harness?.stop();
  });
  describe(client, () => {
    for (const protocol of PROTOCOLS) {
      describe(protocol.id, () => {
        for (const scenario of SCENARIOS) {
          if (notApplicable(client, protocol.id, scenario.id) !== undefined) {
            it.skip(scenario.id, () => {});
            continue;
          }
          it(scenario.id, async () => {
            const marker = `conformance ${client} ${protocol.id} ${scenario.id}`;
            await cases[scenario.id]({
              harness,
              protocol: protocol.id,
              model: protocol.id,
              rateLimitedModel: `${protocol.id}-429`,
              rateLimitedStreamModel: `${protocol.id}-429-stream`,
              cutModel: `${protocol.id}-cut`,
              marker,
              upstream: (text = marker) =>
                (harness.gateway.simulator as Simulator)
                  .records()
                  .filter((record) => JSON.stringify(record.body).includes(text)),
            });
          });
        }
      });
    }
  });
}
