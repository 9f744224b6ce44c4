/** Conformance row: the Vercel `ai` SDK with `@ai-sdk/openai`'s Chat Completions model. */
import { createOpenAI } from '@ai-sdk/openai';
import { aiSdkCases } from './ai-sdk-cases.js';
import { conformanceSuite } from './matrix.js';

conformanceSuite(
  'ai-sdk-openai',
  aiSdkCases((harness, model) =>
    createOpenAI({ apiKey: harness.key, baseURL: `${harness.url}/v1` }).chat(model),
  ),
);
