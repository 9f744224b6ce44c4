/** What a Gemini-style path names: the model and the method after the colon. */
export interface GeminiPath {
  model: string;
  method: 'generateContent' | 'streamGenerateContent' | 'countTokens' | 'embedContent' | 'batchEmbedContents';
}

const methods = new Set<GeminiPath['method']>([
  'generateContent',
  'streamGenerateContent',
  'countTokens',
  'embedContent',
  'batchEmbedContents',
]);

/**
 * Parses `/v1beta/models/{model}:{method}` (and `/v1/models/...`, which the 3.x SDK calls). Model ids may
 * contain `/` and arrive percent-encoded; the method is after the LAST colon, since model names such as
 * `llama3.2:latest` contain colons too.
 */
export function parseGeminiPath(path: string): GeminiPath | undefined {
  const match = /^\/v1(?:beta)?\/models\/(.+)$/.exec(path);
  if (!match) return undefined;
  const rest = match[1] as string;
  const colon = rest.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const method = rest.slice(colon + 1) as GeminiPath['method'];
  if (!methods.has(method)) return undefined;
  let model: string;
  try {
    model = decodeURIComponent(rest.slice(0, colon));
  } catch {
    return undefined;
  }
  return { model, method };
}

/** Parses `/openai/deployments/{deployment}/chat/completions` (Azure OpenAI's classic path). */
export function parseAzureDeploymentPath(
  path: string,
): { deployment: string; operation: string } | undefined {
  const match = /^\/openai\/deployments\/([^/]+)\/(.+)$/.exec(path);
  if (!match) return undefined;
  try {
    return { deployment: decodeURIComponent(match[1] as string), operation: match[2] as string };
  } catch {
    return undefined;
  }
}
