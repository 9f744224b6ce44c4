import {
  type AssistantMessage,
  type CanonResponse,
  GatewayError,
  type ProviderIdentity,
  type Warning,
} from '../../canon/index.js';
import { isWireObject, pickUnknown, type WireObject } from '../shared/read-fields.js';
import { mapAnthropicFinishReason } from './map-finish-reason.js';
import { mapAnthropicUsage } from './map-usage.js';
import { anthropicShape } from './vendor-fields.js';

const modeledKeys: ReadonlySet<string> = new Set([
  'id',
  'type',
  'role',
  'model',
  'content',
  'stop_reason',
  'usage',
]);

/**
 * Anthropic `message` body → CanonResponse. Fields the hub does not model (`stop_sequence`,
 * `stop_details`, `container`) are kept in `vendor` for an Anthropic-shaped caller.
 */
export function decodeAnthropicResponse(body: unknown, provider: ProviderIdentity): CanonResponse {
  if (!isWireObject(body) || !Array.isArray(body.content)) {
    throw protocolError(provider, 'upstream answer is not an Anthropic message (no content array)');
  }
  const warnings: Warning[] = [];
  const content = body.content.flatMap((block, index) => decodeBlock(block, index, provider, warnings));
  const response: CanonResponse = {
    id: typeof body.id === 'string' ? body.id : '',
    model: typeof body.model === 'string' ? body.model : provider.model,
    // Anthropic messages carry no creation time.
    createdAt: Math.floor(Date.now() / 1000),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content },
        finish: mapAnthropicFinishReason(typeof body.stop_reason === 'string' ? body.stop_reason : null),
      },
    ],
    warnings,
    provider,
    vendor: {},
  };
  const usage = mapAnthropicUsage(body.usage);
  if (usage) response.usage = usage;
  const extras = pickUnknown(body, modeledKeys);
  const kept: WireObject = {};
  for (const key in extras) if (extras[key] !== null) kept[key] = extras[key];
  if (Object.keys(kept).length > 0) response.vendor = { [anthropicShape]: kept };
  return response;
}

function protocolError(provider: ProviderIdentity, message: string): GatewayError {
  return new GatewayError('upstream_protocol', `${provider.id}: ${message}`, {
    provider: provider.id,
    upstreamModel: provider.model,
  });
}

function decodeBlock(
  block: unknown,
  index: number,
  provider: ProviderIdentity,
  warnings: Warning[],
): AssistantMessage['content'] {
  if (!isWireObject(block)) throw protocolError(provider, `content block ${index} is not an object`);
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' ? [{ type: 'text', text: block.text }] : [];
    case 'thinking': {
      const text = typeof block.thinking === 'string' ? block.thinking : '';
      const signature = typeof block.signature === 'string' ? { signature: block.signature } : {};
      return [{ type: 'reasoning', text, ...signature }];
    }
    case 'redacted_thinking':
      return [
        { type: 'reasoning', text: '', redactedData: typeof block.data === 'string' ? block.data : '' },
      ];
    case 'tool_use': {
      if (typeof block.id !== 'string' || typeof block.name !== 'string') {
        throw protocolError(provider, `tool_use block ${index} has no id or name`);
      }
      const input = block.input ?? {};
      return [
        { type: 'tool-call', callId: block.id, toolName: block.name, argumentsJson: JSON.stringify(input) },
      ];
    }
    default:
      warnings.push(unsupportedBlock(block.type, index));
      return [];
  }
}

/** Server-tool blocks (`server_tool_use`, `web_search_tool_result`, ...) have no canonical part. */
export function unsupportedBlock(type: unknown, index: number): Warning {
  return {
    code: 'unsupported-content',
    field: `content[${index}]`,
    message: `upstream content block of type '${String(type)}' has no gateway equivalent; omitted.`,
  };
}
