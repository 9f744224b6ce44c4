/** A gateway configuration with a simulator model for every non-chat endpoint (and a chat alias). */
export const endpointsConfigYaml = `
server: { maxBodyBytes: 262144 }
logging: { level: silent }
providers:
  sim: { type: simulator }
  simg: { type: simulator-gemini }
models:
  chat:
    targets: [ { provider: sim, model: demo-fast } ]
  embed:
    targets: [ { provider: sim, model: demo-embed } ]
  embed-gemini:
    targets: [ { provider: simg, model: demo-embed } ]
  embed-flaky:
    targets: [ { provider: sim, model: "demo-embed+500" }, { provider: sim, model: demo-embed } ]
    retry: { attempts: 1 }
  embed-broken:
    targets: [ { provider: sim, model: "demo-embed+400" } ]
`;

/** Aliases for the media endpoints, appended to `endpointsConfigYaml`'s models. */
export const mediaModelsYaml = `
  moderate:
    targets: [ { provider: sim, model: demo-moderation } ]
  rerank:
    targets: [ { provider: sim, model: demo-rerank } ]
  rerank-flaky:
    targets: [ { provider: sim, model: "demo-rerank+503" }, { provider: sim, model: demo-rerank } ]
    retry: { attempts: 1 }
  draw:
    targets: [ { provider: sim, model: demo-image } ]
  speak:
    targets: [ { provider: sim, model: demo-tts } ]
  transcribe:
    targets: [ { provider: sim, model: demo-transcribe } ]
  transcribe-limited:
    targets: [ { provider: sim, model: "demo-transcribe+429" } ]
`;
