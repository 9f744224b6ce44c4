import type { IncomingHttpHeaders } from 'node:http';
import type { Deployment } from '../../routing/deployments.js';

/** Which API family a `GET .../models` caller speaks. */
export type ModelListShape = 'openai' | 'anthropic' | 'gemini';

/** A listed model and what the router knows about one of its deployments. */
export interface ListedModel {
  id: string;
  ownedBy: string;
  deployment?: Deployment;
}

/**
 * Anthropic's SDK sends `anthropic-version` and `x-api-key`; Google's sends `x-goog-api-key` or `?key=`
 * and uses `/v1beta`. Everyone else gets OpenAI's list.
 */
export function detectModelListShape(
  path: string,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): ModelListShape {
  if (path === '/v1beta/models' || path.startsWith('/v1beta/')) return 'gemini';
  if (headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined) return 'anthropic';
  if (headers['x-goog-api-key'] !== undefined || query.has('key')) return 'gemini';
  return 'openai';
}

/** `demo-fast` → `Demo Fast`; `openai/gpt-4o` → `Openai/gpt-4o` stays readable. */
export function displayName(id: string): string {
  return id.replace(
    /(^|[-_\s])([a-z])/g,
    (_match, separator: string, letter: string) =>
      `${separator === '-' || separator === '_' ? ' ' : separator}${letter.toUpperCase()}`,
  );
}

export function anthropicModel(model: ListedModel, createdAt: string): Record<string, unknown> {
  return { type: 'model', id: model.id, display_name: displayName(model.id), created_at: createdAt };
}

export function anthropicModelList(models: ListedModel[], createdAt: string): Record<string, unknown> {
  return {
    data: models.map((model) => anthropicModel(model, createdAt)),
    has_more: false,
    first_id: models[0]?.id ?? null,
    last_id: models.at(-1)?.id ?? null,
  };
}

export function geminiModel(model: ListedModel): Record<string, unknown> {
  const endpoints = model.deployment?.endpoints;
  const methods: string[] = [];
  if (!endpoints || endpoints.has('chat'))
    methods.push('generateContent', 'streamGenerateContent', 'countTokens');
  if (!endpoints || endpoints.has('embeddings')) methods.push('embedContent', 'batchEmbedContents');
  const body: Record<string, unknown> = {
    name: `models/${model.id}`,
    version: '001',
    displayName: displayName(model.id),
    supportedGenerationMethods: methods,
  };
  const window = model.deployment?.contextWindow;
  if (window !== undefined) body.inputTokenLimit = window;
  const output = model.deployment?.maxOutputTokens;
  if (output !== undefined) body.outputTokenLimit = output;
  return body;
}

export function geminiModelList(models: ListedModel[]): Record<string, unknown> {
  return { models: models.map(geminiModel) };
}
