import type { CanonRequest, CanonUsage } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';
import { encodeResponsesToolChoice, encodeResponsesTools, encodeTextConfig } from './encode-tools.js';
import { encodeResponsesUsage } from './map-usage.js';
import { responsesVendor } from './vendor.js';

/** What changes between the snapshots of one Response (created, in progress, final). */
export interface ResponseSnapshot {
  id: string;
  createdAt: number;
  model: string;
  status: 'in_progress' | 'completed' | 'incomplete' | 'failed';
  output: WireObject[];
  usage?: CanonUsage;
  error?: WireObject | null;
  incompleteDetails?: WireObject | null;
  completedAt?: number;
  /** Response-level fields a Responses upstream sent (`service_tier`, ...), restored as given. */
  upstreamFields?: WireObject;
}

/** Request fields a Response echoes when the caller sent them. */
const echoedVendorKeys = [
  'safety_identifier',
  'prompt_cache_key',
  'prompt_cache_retention',
  'max_tool_calls',
  'top_logprobs',
  'service_tier',
] as const;

/**
 * A full Response object: the snapshot plus the request settings OpenAI echoes (tools, tool_choice,
 * text.format, sampling, ...). The SDK reads `output` unconditionally, so it is always an array.
 */
export function buildResponseObject(snapshot: ResponseSnapshot, request: CanonRequest): WireObject {
  const vendor = responsesVendor(request.vendor);
  const reasoning = typeof vendor.reasoning === 'object' && vendor.reasoning !== null ? vendor.reasoning : {};
  const body: WireObject = {
    id: snapshot.id,
    object: 'response',
    created_at: snapshot.createdAt,
    status: snapshot.status,
    background: false,
    completed_at: snapshot.completedAt ?? null,
    error: snapshot.error ?? null,
    incomplete_details: snapshot.incompleteDetails ?? null,
    instructions: typeof vendor.instructions === 'string' ? vendor.instructions : null,
    max_output_tokens: request.sampling.maxOutputTokens ?? null,
    model: snapshot.model,
    output: snapshot.output,
    parallel_tool_calls: request.parallelToolCalls ?? true,
    previous_response_id:
      typeof vendor.previous_response_id === 'string' ? vendor.previous_response_id : null,
    reasoning: { effort: request.reasoning?.effort ?? null, summary: null, ...reasoning },
    // OpenAI's default is to store; whether the gateway keeps it is `wantsStore(request)`.
    store: vendor.store !== false,
    temperature: request.sampling.temperature ?? null,
    text: encodeTextConfig(request, vendor.text),
    tool_choice: request.toolChoice === undefined ? 'auto' : encodeResponsesToolChoice(request.toolChoice),
    tools: request.tools ? encodeResponsesTools(request.tools, true) : [],
    top_p: request.sampling.topP ?? null,
    truncation: vendor.truncation ?? 'disabled',
    usage: snapshot.usage ? encodeResponsesUsage(snapshot.usage) : null,
    user: request.endUser ?? null,
    metadata: request.metadata ?? {},
  };
  for (const key of echoedVendorKeys) if (vendor[key] !== undefined) body[key] = vendor[key];
  if (snapshot.upstreamFields) Object.assign(body, snapshot.upstreamFields);
  return body;
}

/** Whether the caller wants this response kept for `previous_response_id` (OpenAI's default: yes). */
export function wantsStore(request: CanonRequest): boolean {
  return responsesVendor(request.vendor).store !== false;
}
