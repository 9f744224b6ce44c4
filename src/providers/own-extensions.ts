import type { CanonRequest } from '../canon/index.js';

/**
 * `ext` entries may name a provider by its protocol family (`openai`, `anthropic`, `gemini`), its preset
 * (`groq`, `deepseek`) or its configured name (`my-vllm`). The egress codecs only know their family, so
 * an adapter folds the entries addressed to it by preset or name into the family's entry (the more
 * specific name winning key by key) before encoding. Entries for anyone else stay, to be reported.
 */
export function foldOwnExtensions(request: CanonRequest, family: string, names: string[]): CanonRequest {
  const ext = request.ext;
  if (!ext) return request;
  const aliases = [...new Set(names)].filter((name) => name !== family && ext[name] !== undefined);
  if (aliases.length === 0) return request;
  const folded: Record<string, Record<string, unknown>> = { ...ext };
  let own: Record<string, unknown> = { ...ext[family] };
  for (const name of aliases) {
    own = { ...own, ...ext[name] };
    delete folded[name];
  }
  folded[family] = own;
  return { ...request, ext: folded };
}
