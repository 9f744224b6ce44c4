import {
  type AssistantMessage,
  type CanonResponse,
  type CanonUsage,
  type FinishReason,
  GatewayError,
  type ProviderIdentity,
} from '../../canon/index.js';
import { isWireObject } from '../../codecs/shared/read-fields.js';
import { buildUpstreamError } from '../../codecs/shared/upstream-error.js';

/** Cohere `finish_reason` → canonical. */
export function mapCohereFinishReason(raw: unknown): FinishReason {
  const word = typeof raw === 'string' ? raw : undefined;
  switch (word) {
    case 'COMPLETE':
    case 'STOP_SEQUENCE':
      return { unified: 'stop', raw: word };
    case 'MAX_TOKENS':
      return { unified: 'length', raw: word };
    case 'TOOL_CALL':
      return { unified: 'tool-calls', raw: word };
    case 'ERROR':
    case 'TIMEOUT':
      return { unified: 'error', raw: word };
    default:
      return word === undefined ? { unified: 'other' } : { unified: 'other', raw: word };
  }
}

/**
 * Cohere usage → canonical. `tokens` counts what the model processed (prompt template included);
 * `billed_units` what is charged. Costs follow the bill, so billed units win when present.
 */
export function mapCohereUsage(usage: unknown): CanonUsage | undefined {
  if (!isWireObject(usage)) return undefined;
  const billed = isWireObject(usage.billed_units) ? usage.billed_units : {};
  const tokens = isWireObject(usage.tokens) ? usage.tokens : {};
  const input = numberOf(billed.input_tokens) ?? numberOf(tokens.input_tokens);
  const output = numberOf(billed.output_tokens) ?? numberOf(tokens.output_tokens);
  if (input === undefined && output === undefined) return undefined;
  return { input: { total: input ?? 0 }, output: { total: output ?? 0 }, raw: usage };
}

/** A Cohere v2 chat response → canonical. */
export function decodeCohereChatResponse(body: unknown, provider: ProviderIdentity): CanonResponse {
  if (!isWireObject(body) || !isWireObject(body.message)) {
    throw new GatewayError('upstream_protocol', `${provider.id}: Cohere response without a message`, {
      provider: provider.id,
      upstreamModel: provider.model,
    });
  }
  const message = body.message;
  const content: AssistantMessage['content'] = [];
  if (Array.isArray(message.content)) {
    for (const item of message.content) {
      if (!isWireObject(item)) continue;
      if (item.type === 'text' && typeof item.text === 'string')
        content.push({ type: 'text', text: item.text });
      else if (item.type === 'thinking' && typeof item.thinking === 'string')
        content.push({ type: 'reasoning', text: item.thinking });
    }
  }
  if (Array.isArray(message.tool_calls)) {
    if (typeof message.tool_plan === 'string' && message.tool_plan !== '')
      content.unshift({ type: 'text', text: message.tool_plan });
    for (const call of message.tool_calls) {
      if (!isWireObject(call) || !isWireObject(call.function)) continue;
      content.push({
        type: 'tool-call',
        callId: typeof call.id === 'string' ? call.id : '',
        toolName: typeof call.function.name === 'string' ? call.function.name : '',
        argumentsJson: typeof call.function.arguments === 'string' ? call.function.arguments : '{}',
      });
    }
  }
  const usage = mapCohereUsage(body.usage);
  return {
    id: typeof body.id === 'string' ? body.id : '',
    model: provider.model,
    createdAt: Math.floor(Date.now() / 1000),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content },
        finish: mapCohereFinishReason(body.finish_reason),
      },
    ],
    ...(usage ? { usage } : {}),
    warnings: [],
    provider,
    vendor: {},
  };
}

/**
 * A Cohere error (`{"message": ...}`; 498 = invalid token, 499 = cancelled) → GatewayError.
 * @see https://docs.cohere.com/reference/errors
 */
export function decodeCohereError(
  status: number,
  text: string,
  headers: Record<string, string>,
  provider: ProviderIdentity,
): GatewayError {
  let message = text;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isWireObject(parsed) && typeof parsed.message === 'string') message = parsed.message;
  } catch {
    // Not JSON: the text itself is the message.
  }
  // 498 (invalid or expired token) is an authentication failure; 499 a request Cohere cancelled.
  const mapped = status === 498 ? 401 : status === 499 ? 503 : status;
  return buildUpstreamError({ provider, status: mapped, code: undefined, message, headers, body: text });
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
