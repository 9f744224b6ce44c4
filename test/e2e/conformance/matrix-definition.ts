/**
 * What the conformance matrix covers: clients, upstream protocols, scenarios and the cases a
 * client cannot express. Free of vitest so `scripts/conformance-report.ts` can import it.
 */
export const CLIENTS = [
  { id: 'openai', label: '`openai` (Chat Completions)' },
  { id: 'anthropic-sdk', label: '`@anthropic-ai/sdk` (Messages)' },
  { id: 'google-genai', label: '`@google/genai` (generateContent)' },
  { id: 'ai-sdk-openai', label: '`ai` + `@ai-sdk/openai` (chat)' },
  { id: 'ai-sdk-anthropic', label: '`ai` + `@ai-sdk/anthropic`' },
  { id: 'langchain-openai', label: 'LangChain `ChatOpenAI`' },
] as const;

export const PROTOCOLS = [
  { id: 'openai', label: 'OpenAI', providerType: 'simulator' },
  { id: 'anthropic', label: 'Anthropic', providerType: 'simulator-anthropic' },
  { id: 'gemini', label: 'Gemini', providerType: 'simulator-gemini' },
] as const;

export const SCENARIOS = [
  { id: 'plain', label: 'plain' },
  { id: 'streamed', label: 'streamed' },
  { id: 'tools', label: 'tools, two turns' },
  { id: 'image', label: 'image input' },
  { id: 'json-schema', label: 'JSON schema' },
  { id: 'error', label: 'error' },
] as const;

export type ClientId = (typeof CLIENTS)[number]['id'];
export type ProtocolId = (typeof PROTOCOLS)[number]['id'];
export type ScenarioId = (typeof SCENARIOS)[number]['id'];

/** A case a client cannot express at all; reported as n/a with the reason, never skipped silently. */
export interface NotApplicable {
  client: ClientId;
  scenario: ScenarioId;
  /** Omitted: every protocol. */
  protocol?: ProtocolId;
  reason: string;
}

export const NOT_APPLICABLE: NotApplicable[] = [];

export function notApplicable(
  client: ClientId,
  protocol: ProtocolId,
  scenario: ScenarioId,
): NotApplicable | undefined {
  return NOT_APPLICABLE.find(
    (entry) =>
      entry.client === client &&
      entry.scenario === scenario &&
      (entry.protocol === undefined || entry.protocol === protocol),
  );
}

/** What each scenario asserts, for the generated table's legend. */
export const SCENARIO_CHECKS: Record<ScenarioId, string> = {
  plain:
    "one request with a system prompt: the answer text, finish reason and usage arrive in the client's types, and the system prompt reaches the upstream where its protocol wants it",
  streamed:
    'several text deltas whose join, finish reason and usage equal the plain answer to the same prompt (the simulator is deterministic)',
  tools:
    'the model calls `get_weather` with schema-valid arguments, the client sends the result back, the second answer quotes it; the same first turn streamed assembles the same call',
  image:
    'a base64 PNG and an http URL image: each answer arrives, and the upstream request carries exactly that image (same bytes and media type, or the same URL: the gateway is offline, so a URL must travel as a URL)',
  'json-schema':
    "structured output with a JSON Schema (and the SDK's own zod helper where it has one; Gemini also the OpenAPI-style `responseSchema`): the answer parses and validates against the schema",
  error:
    "an upstream 429, plain and streamed, surfaces as the client's own error type with status 429, the error type and the upstream's message; a stream cut after three chunks surfaces as an error after the first tokens, never as a clean end",
};
