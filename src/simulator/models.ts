/** The models `GET /v1/models` lists; chat and embeddings accept any other name too. */
export const DEMO_MODELS: readonly string[] = [
  'demo-fast',
  'demo-smart',
  'demo-reasoner',
  'demo-local',
  'demo-embed',
  'demo-moderation',
  'demo-rerank',
  'demo-image',
  'demo-tts',
  'demo-transcribe',
];

const CREATED = 1735689600;

/** A model object in OpenAI's shape. */
export function modelObject(id: string): { id: string; object: 'model'; created: number; owned_by: string } {
  return { id, object: 'model', created: CREATED, owned_by: 'switchyard-simulator' };
}

/** The body of `GET /v1/models`. */
export function modelListBody(): string {
  return JSON.stringify({ object: 'list', data: DEMO_MODELS.map(modelObject) });
}

/** `demo-fast` → `Demo Fast`, the display name both Anthropic and Gemini list. */
function displayName(id: string): string {
  return id
    .split('-')
    .map((word) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`)
    .join(' ');
}

/** A model object in Anthropic's shape. */
export function anthropicModelObject(id: string) {
  return {
    type: 'model',
    id,
    display_name: displayName(id),
    created_at: new Date(CREATED * 1000).toISOString(),
  };
}

/** The body of `GET /v1/models` when the request carries `anthropic-version`. */
export function anthropicModelListBody(): string {
  return JSON.stringify({
    data: DEMO_MODELS.map(anthropicModelObject),
    has_more: false,
    first_id: DEMO_MODELS[0] ?? null,
    last_id: DEMO_MODELS.at(-1) ?? null,
  });
}

/** A model object in Gemini's shape; the embedding model lists the embedding methods. */
export function geminiModelObject(id: string) {
  const embeds = id.includes('embed');
  return {
    name: `models/${id}`,
    version: '001',
    displayName: displayName(id),
    description: 'A Switchyard simulator model.',
    inputTokenLimit: 1_048_576,
    outputTokenLimit: embeds ? 1 : 65_536,
    supportedGenerationMethods: embeds
      ? ['embedContent', 'batchEmbedContents']
      : ['generateContent', 'streamGenerateContent', 'countTokens'],
    temperature: 1,
    topP: 0.95,
    topK: 64,
    maxTemperature: 2,
    thinking: !embeds,
  };
}

/** The body of `GET /v1beta/models`. */
export function geminiModelListBody(): string {
  return JSON.stringify({ models: DEMO_MODELS.map(geminiModelObject) });
}
