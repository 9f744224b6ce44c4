/** Conformance row: the Vercel `ai` SDK with `@ai-sdk/anthropic`. */
import { createAnthropic } from '@ai-sdk/anthropic';
import { aiSdkCases } from './ai-sdk-cases.js';
import { conformanceSuite } from './matrix.js';

conformanceSuite(
  'ai-sdk-anthropic',
  aiSdkCases((harness, model) =>
    createAnthropic({ apiKey: harness.key, baseURL: `${harness.url}/v1` })(model),
  ),
);
