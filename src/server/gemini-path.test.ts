import { describe, expect, it } from 'vitest';
import { parseAzureDeploymentPath, parseGeminiPath } from './gemini-path.js';

describe('parseGeminiPath', () => {
  it('reads the model and the method, on both API versions', () => {
    expect(parseGeminiPath('/v1beta/models/gemini-2.5-flash:generateContent')).toEqual({
      model: 'gemini-2.5-flash',
      method: 'generateContent',
    });
    expect(parseGeminiPath('/v1/models/demo:streamGenerateContent')).toEqual({
      model: 'demo',
      method: 'streamGenerateContent',
    });
  });

  it('decodes percent-encoded ids and splits on the last colon', () => {
    expect(parseGeminiPath('/v1beta/models/ollama%2Fllama3.2:latest:countTokens')).toEqual({
      model: 'ollama/llama3.2:latest',
      method: 'countTokens',
    });
    expect(parseGeminiPath('/v1beta/models/demo-fast%2Bcut-3:generateContent')?.model).toBe(
      'demo-fast+cut-3',
    );
  });

  it('refuses other paths and methods', () => {
    expect(parseGeminiPath('/v1beta/models/demo')).toBeUndefined();
    expect(parseGeminiPath('/v1beta/models/demo:deleteEverything')).toBeUndefined();
    expect(parseGeminiPath('/v2/models/demo:generateContent')).toBeUndefined();
    expect(parseGeminiPath('/v1beta/models/%E0%A4%A:generateContent')).toBeUndefined();
  });
});

describe('parseAzureDeploymentPath', () => {
  it('reads the deployment and the operation', () => {
    expect(parseAzureDeploymentPath('/openai/deployments/gpt4o-prod/chat/completions')).toEqual({
      deployment: 'gpt4o-prod',
      operation: 'chat/completions',
    });
    expect(parseAzureDeploymentPath('/openai/chat/completions')).toBeUndefined();
  });
});
