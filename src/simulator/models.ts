/** The models `GET /v1/models` lists; chat and embeddings accept any other name too. */
export const DEMO_MODELS: readonly string[] = [
  'demo-fast',
  'demo-smart',
  'demo-reasoner',
  'demo-local',
  'demo-embed',
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
