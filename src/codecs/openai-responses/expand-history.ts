import {
  type AssistantMessage,
  type CanonMessage,
  type CanonRequest,
  type CanonResponse,
  GatewayError,
} from '../../canon/index.js';
import { outputItemIdFor } from './encode-output-items.js';
import { responseIdOf } from './ids.js';
import type { ResponseHistory, StoredResponse } from './response-history.js';
import { wantsStore } from './response-object.js';
import {
  instructionsMessageCount,
  itemExtrasOf,
  pendingItemReferences,
  responsesShape,
  responsesVendor,
} from './vendor.js';

/** Internal vendor key: the stored conversation's item ids, handed from expansion to `buildStoredResponse`. */
const historyItemIdsKey = 'history_item_ids';

/** The `previous_response_id` the caller sent, if any. */
export function readPreviousResponseId(request: CanonRequest): string | undefined {
  const id = responsesVendor(request.vendor).previous_response_id;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Looks up the turn named by `previous_response_id` and expands the request with it. A request without
 * one is returned unchanged; an unknown, expired or someone else's id is a 404 naming the field.
 */
export async function resolvePreviousResponse(
  request: CanonRequest,
  history: ResponseHistory,
  owner?: string,
): Promise<CanonRequest> {
  const id = readPreviousResponseId(request);
  if (id === undefined) return request;
  const stored = await history.get(id);
  // Another caller's turn is reported exactly like a missing one: its existence is not revealed.
  if (!stored || (stored.owner !== undefined && stored.owner !== owner)) {
    throw new GatewayError('not_found', `Previous response with id '${id}' not found.`, {
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    });
  }
  return expandWithHistory(request, stored);
}

/**
 * Prepends the stored conversation (earlier input and answer) to the request's own input. The stored
 * turn's instructions are not carried over (as in OpenAI's API): only this request's, which stay first.
 * References and tool results must match the combined conversation; anything else is a 400.
 */
export function expandWithHistory(request: CanonRequest, stored: StoredResponse): CanonRequest {
  const vendor = { ...responsesVendor(request.vendor) };
  const count = instructionsMessageCount(request);
  const instructions = request.messages.slice(0, count);
  const input = request.messages.slice(count);
  const earlier: CanonMessage[] = [...structuredClone(stored.input), structuredClone(stored.output)];
  const known = new Set(stored.itemIds);
  for (const reference of pendingItemReferences(request.vendor)) {
    // The referenced item is already part of the prepended conversation.
    if (!known.has(reference.id)) {
      throw new GatewayError(
        'invalid_request',
        `Item with id '${reference.id}' not found in the conversation.`,
        {
          param: reference.param,
        },
      );
    }
  }
  const messages = [...instructions, ...earlier, ...nameToolResults(input, earlier)];
  delete vendor.item_references;
  vendor[historyItemIdsKey] = stored.itemIds;
  return { ...request, messages, vendor: { ...request.vendor, [responsesShape]: vendor } };
}

/** Fills in tool names from the earlier turns' calls, and rejects results for calls that never happened. */
function nameToolResults(input: CanonMessage[], earlier: CanonMessage[]): CanonMessage[] {
  const names = new Map<string, string>();
  for (const message of [...earlier, ...input]) {
    if (message.role !== 'assistant') continue;
    for (const part of message.content) if (part.type === 'tool-call') names.set(part.callId, part.toolName);
  }
  return input.map((message) => {
    if (message.role !== 'tool') return message;
    const content = message.content.map((result) => {
      const toolName = names.get(result.callId);
      if (toolName === undefined) {
        throw new GatewayError(
          'invalid_request',
          `No tool call found for function call output with call_id '${result.callId}'.`,
          {
            param: 'input',
          },
        );
      }
      return result.toolName === undefined ? { ...result, toolName } : result;
    });
    return { ...message, content };
  });
}

/**
 * The turn to store after answering `request` (as expanded) with `response`. Its key is the id the caller
 * was given, so the request must carry one from `assignResponseId` (an internal error otherwise).
 */
export function buildStoredResponse(
  request: CanonRequest,
  response: CanonResponse,
  owner?: string,
): StoredResponse {
  const responseId = responseIdOf(request);
  if (responseId === undefined) {
    throw new GatewayError(
      'internal',
      'cannot store a Responses turn: no response id was assigned to the request',
    );
  }
  const vendor = responsesVendor(request.vendor);
  const input = structuredClone(request.messages.slice(instructionsMessageCount(request)));
  const output: AssistantMessage = structuredClone(
    response.choices[0]?.message ?? { role: 'assistant', content: [] },
  );
  const itemIds = new Set<string>(
    Array.isArray(vendor[historyItemIdsKey]) ? (vendor[historyItemIdsKey] as unknown[]).filter(isString) : [],
  );
  for (const message of input) {
    message.content.forEach((_part, index) => {
      const id = itemExtrasOf(message, index)?.id;
      if (typeof id === 'string') itemIds.add(id);
    });
  }
  output.content.forEach((_part, index) => {
    itemIds.add(outputItemIdFor(output, index, responseId));
  });
  const stored: StoredResponse = {
    input,
    output,
    itemIds: [...itemIds],
    model: response.model,
    createdAt: response.createdAt,
  };
  const finish = response.choices[0]?.finish;
  if (finish) stored.finish = finish;
  if (response.usage) stored.usage = response.usage;
  if (owner !== undefined) stored.owner = owner;
  return stored;
}

/**
 * Stores the turn when the caller wants it (`store`, default true) under the request's assigned id.
 * Returns the id it was stored under, or undefined when the caller opted out.
 */
export async function rememberResponse(
  history: ResponseHistory,
  request: CanonRequest,
  response: CanonResponse,
  owner?: string,
): Promise<string | undefined> {
  if (!wantsStore(request)) return undefined;
  const stored = buildStoredResponse(request, response, owner);
  const id = responseIdOf(request) as string;
  await history.put(id, stored);
  return id;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}
