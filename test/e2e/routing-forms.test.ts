import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

// A second simulator stands in for the team's own vLLM server (self-hosted), so strategy:local has
// something to choose.
const yaml = `
logging: { level: silent }
providers:
  sim: { type: simulator }
  sim2: { type: simulator }
  onprem: { type: vllm, baseUrl: "\${LOCAL_URL}/v1" }
models:
  coder: { targets: [ { provider: sim, model: demo-smart } ] }
  thinker: { targets: [ { provider: sim, model: demo-reasoner } ] }
  cheap: { targets: [ { provider: sim, model: demo-fast } ] }
  premium: { targets: [ { provider: sim2, model: demo-smart } ] }
  no-tools:
    targets:
      - { provider: sim, model: demo-local, capabilities: { tools: false } }
      - { provider: sim2, model: demo-fast }
  in-house: { targets: [ { provider: onprem, model: llama-local, inputPerMillion: 0, outputPerMillion: 0, quality: 40 } ] }
  balanced:
    targets: [ { provider: sim, model: demo-fast }, { provider: sim2, model: demo-fast } ]
    balance: least-busy
routing:
  auto:
    classes: { code: [coder], reasoning: [thinker], summary: [no-tools], chat: [cheap] }
    premium: [premium]
    premiumAbove: 0.9
  policies:
    smart/balanced: { strategy: cost, models: [coder, thinker, cheap] }
  industries:
    legal: { preferred: [coder], allowed: [thinker] }
`;

let harness: TestGateway;
let local: Simulator;

beforeAll(async () => {
  local = await startSimulator({ port: 0 });
  harness = await startTestGateway({ yaml, env: { LOCAL_URL: local.url } });
});
afterAll(async () => {
  await harness?.stop();
  await local?.close();
});

const ask = (content: string) => [{ role: 'user' as const, content }];

async function route(
  body: Record<string, unknown>,
  options: { key?: string; headers?: Record<string, string> } = {},
) {
  const response = await fetch(`${harness.url}/v1/chat/completions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${options.key ?? harness.key}`,
      'content-type': 'application/json',
      ...options.headers,
    },
    body: JSON.stringify({ messages: ask('Hello there'), ...body }),
  });
  const json = (await response.json()) as { error?: { message: string; code: string } };
  return {
    status: response.status,
    model: response.headers.get('x-switchyard-model'),
    reason: response.headers.get('x-switchyard-route-reason') ?? '',
    candidates: response.headers.get('x-switchyard-candidates') ?? '',
    error: json.error,
  };
}

describe('model forms', () => {
  it('auto sends code to the code specialist and says why', async () => {
    const result = await route({
      model: 'auto',
      messages: ask(
        'Write a Python function:\n```python\ndef fibonacci(n):\n    """Return the n-th Fibonacci number."""\n```\nImplement it iteratively and add type hints.',
      ),
    });
    expect(result.status).toBe(200);
    expect(result.model).toBe('sim/demo-smart');
    expect(result.reason).toMatch(/^auto: .*code.* -> code -> coder/);
  });

  it('auto sends a maths word problem to the reasoning model and small talk to the cheap one', async () => {
    const maths = await route({
      model: 'auto',
      messages: ask(
        'A train leaves at 3 pm travelling at 60 km/h; a second leaves an hour later at 90 km/h. How many kilometres from the station does the second train catch up? Show your reasoning.',
      ),
    });
    expect(maths.model).toBe('sim/demo-reasoner');
    const chat = await route({
      model: 'auto',
      messages: ask('What are some good names for a golden retriever puppy?'),
    });
    expect(chat.model).toBe('sim/demo-fast');
  });

  it('never routes a request with tools to a model known to lack them (auto and aliases alike)', async () => {
    const tools = [
      { type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: {} } } },
    ];
    const summary =
      'Summarize this article in three bullet points: The city council approved the new budget on Tuesday after a long debate about parks and roads.';
    const withoutTools = await route({ model: 'auto', messages: ask(summary) });
    expect(withoutTools.model).toBe('sim/demo-local');
    const withTools = await route({ model: 'auto', messages: ask(summary), tools });
    expect(withTools.model).toBe('sim2/demo-fast');
    const alias = await route({ model: 'no-tools', tools });
    expect(alias.candidates).toBe('sim2/demo-fast');
  });

  it('strategy:cost picks the cheapest capable deployment, strategy:quality the strongest', async () => {
    const cost = await route({ model: 'strategy:cost' });
    expect(cost.status).toBe(200);
    // Free deployments first (the demo-local model and the on-prem server); never the embedding model.
    expect(['sim/demo-local', 'sim2/demo-local', 'onprem/llama-local']).toContain(cost.model);
    expect(cost.candidates).not.toContain('demo-embed');
    const quality = await route({ model: 'strategy:quality' });
    expect(['sim/demo-smart', 'sim2/demo-smart']).toContain(quality.model);
    expect(quality.reason).toContain('strongest');
  });

  it('strategy:local uses only the self-hosted server', async () => {
    const before = local.records().length;
    const result = await route({ model: 'strategy:local' });
    expect(result.model).toBe('onprem/llama-local');
    expect(result.candidates).toBe('onprem/llama-local');
    expect(local.records().length).toBe(before + 1);
  });

  it('strategy:latency prefers the deployment with the fastest measured first token', async () => {
    const client = harness.client();
    // Teach the gateway: demo-fast answers at once, demo-reasoner after 300 ms.
    for (let index = 0; index < 2; index++) {
      await client.chat.completions.create({
        model: 'sim/demo-reasoner+slow-300',
        stream: false,
        messages: ask('warm'),
      });
      await client.chat.completions.create({ model: 'cheap', messages: ask('warm') });
    }
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const result = await route({ model: 'strategy:latency' });
    const order = result.candidates.split(', ');
    expect(result.model).not.toContain('slow');
    expect(order.indexOf('sim/demo-fast')).toBeGreaterThanOrEqual(0);
    const slow = order.indexOf('sim/demo-reasoner+slow-300');
    if (slow >= 0) expect(order.indexOf('sim/demo-fast')).toBeLessThan(slow);
  });

  it('a named policy chooses among its own models by its strategy', async () => {
    const result = await route({ model: 'smart/balanced' });
    expect(result.model).toBe('sim/demo-fast');
    expect(result.reason).toBe("policy 'smart/balanced': cheapest among coder, thinker, cheap");
  });

  it('industry:<tag> prefers its models and only allows its list; metadata.industry restricts other forms', async () => {
    const tagged = await route({ model: 'industry:legal' });
    expect(tagged.model).toBe('sim/demo-smart');
    expect(tagged.candidates).toBe('sim/demo-smart, sim/demo-reasoner');
    const viaMetadata = await route({ model: 'strategy:cost', metadata: { industry: 'legal' } });
    expect(['sim/demo-smart', 'sim/demo-reasoner']).toContain(viaMetadata.model);
  });

  it('a fallback array is tried in order after the model', async () => {
    const result = await route({ model: 'sim/demo-fast+500', models: ['premium', 'cheap'] });
    expect(result.status).toBe(200);
    expect(result.model).toBe('sim2/demo-smart');
    expect(result.candidates).toBe('sim/demo-fast+500, sim2/demo-smart, sim/demo-fast');
    expect(result.reason).toContain('then fallback models premium, cheap');
  });

  it('bare catalog names resolve to every provider serving them; :floor sorts by price, max_price filters', async () => {
    const bare = await route({ model: 'demo-reasoner' });
    expect(bare.candidates).toBe('sim/demo-reasoner, sim2/demo-reasoner');
    const floor = await route({ model: 'coder:floor' });
    expect(floor.reason).toContain('sorted by price (:floor)');
    const ceiling = await route({ model: 'strategy:quality', max_price: 1 });
    // demo-smart costs 2.50 / 10.00 per million: above the ceiling, so the strongest affordable answers.
    expect(ceiling.model).not.toMatch(/demo-smart/);
    const nitro = await route({ model: 'balanced:nitro' });
    expect(nitro.reason).toContain('sorted by throughput (:nitro)');
  });

  it('routing headers work only for keys that are granted them', async () => {
    const granted = await harness.createKey({ metadata: { routing_headers: 'mode,force' } });
    const byMode = await route(
      { model: 'cheap' },
      { key: granted.key, headers: { 'x-switchyard-route-mode': 'quality' } },
    );
    expect(byMode.reason).toContain("routing-mode header 'quality'");
    const forced = await route(
      { model: 'cheap' },
      { key: granted.key, headers: { 'x-switchyard-force-model': 'thinker' } },
    );
    expect(forced.model).toBe('sim/demo-reasoner');
    const refused = await route({ model: 'cheap' }, { headers: { 'x-switchyard-route-mode': 'cost' } });
    expect(refused.status).toBe(403);
    expect(refused.error?.message).toContain('x-switchyard-route-mode');
  });

  it('an unknown model is a 404 and a form with nothing the key may use a 403, each saying what was tried', async () => {
    const unknown = await route({ model: 'gpt-17-ultra' });
    expect(unknown.status).toBe(404);
    const limited = await harness.createKey({ allowedModels: ['cheap'] });
    const forbidden = await route({ model: 'industry:legal' }, { key: limited.key });
    expect(forbidden.status).toBe(403);
    expect(forbidden.error?.message).toMatch(/tried: sim\/demo-smart \(not allowed for this key\)/);
    const allowed = await route({ model: 'strategy:quality' }, { key: limited.key });
    expect(allowed.model).toBe('sim/demo-fast');
  });

  it('POST /v1/estimate returns the candidate chain with costs and calls no upstream', async () => {
    const simulator = harness.gateway.simulator;
    if (!simulator) throw new Error('no simulator');
    const before = simulator.records().length;
    const response = await fetch(`${harness.url}/v1/estimate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'smart/balanced',
        max_tokens: 100,
        messages: ask('Estimate me, please.'),
      }),
    });
    const estimate = (await response.json()) as {
      prompt_tokens: number;
      output_tokens: number;
      candidates: Array<{ model: string; estimated_cost_usd: string }>;
    };
    expect(response.status).toBe(200);
    expect(estimate.output_tokens).toBe(100);
    expect(estimate.prompt_tokens).toBeGreaterThan(5);
    expect(estimate.candidates.map((candidate) => candidate.model)).toEqual([
      'sim/demo-fast',
      'sim/demo-reasoner',
      'sim/demo-smart',
    ]);
    // demo-fast: 0.10 in / 0.40 out per million.
    const expected = Math.round(estimate.prompt_tokens * 0.1 + 100 * 0.4) / 1e6;
    expect(Number(estimate.candidates[0]?.estimated_cost_usd)).toBeCloseTo(expected, 6);
    expect(simulator.records().length).toBe(before);
  });

  it('the request log keeps the decision trace', async () => {
    const { response } = await harness
      .client()
      .chat.completions.create({
        model: 'auto',
        messages: ask(
          'Summarize the following article in two sentences: The council met on Tuesday to discuss the new park.',
        ),
      })
      .withResponse();
    const id = response.headers.get('x-switchyard-request-id') as string;
    await harness.flushLog();
    const row = await harness.gateway.app.store.requestLog.findById(id);
    const trace = JSON.parse(row?.routeTrace ?? '{}') as {
      form: string;
      classification?: { taskClass: string };
      candidates: unknown[];
    };
    expect(trace.form).toBe('auto');
    expect(trace.classification?.taskClass).toBe('summary');
    expect(trace.candidates.length).toBeGreaterThan(0);
  });
});
