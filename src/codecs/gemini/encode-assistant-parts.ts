import type { AssistantMessage, ToolCallPart } from '../../canon/index.js';
import type { WireObject } from '../shared/read-fields.js';
import { isSynthesizedCallId } from './call-ids.js';
import { parseJsonObject } from './function-response-body.js';
import { mergePartExtras, type PartExtras } from './part-extras.js';

type AssistantPart = AssistantMessage['content'][number];

/** How assistant parts are written. */
export interface AssistantPartsOptions {
  /**
   * Write `functionCall.id` for ids an upstream gave. True for answers to a Gemini caller (ids made up by
   * this codec are never shown); false for upstream requests, where a wire id only comes back through
   * the part extras of a Gemini caller's own history.
   */
  emitCallIds: boolean;
  extras?: PartExtras;
}

/** Model-turn parts, and what could not be carried. */
export interface EncodedAssistantParts {
  parts: WireObject[];
  /** Tool calls whose arguments were not a JSON object (sent as `{}`). */
  invalidArguments: string[];
  /** Anthropic redacted-thinking parts, which Gemini cannot take. */
  redactedDropped: number;
}

/** The arguments JSON as an object; '' is `{}`; undefined when the text is not a JSON object. */
export function parseArguments(argumentsJson: string): WireObject | undefined {
  return argumentsJson.trim() === '' ? {} : parseJsonObject(argumentsJson);
}

/** A tool call as a whole `functionCall` part. */
export function encodeFunctionCallPart(part: ToolCallPart, emitCallIds: boolean): WireObject {
  const call: WireObject = { name: part.toolName, args: parseArguments(part.argumentsJson) ?? {} };
  if (emitCallIds && !isSynthesizedCallId(part.callId)) call.id = part.callId;
  return { functionCall: call };
}

/** An empty reasoning part that only carries a signature belongs on the part after it (see decode-contents.ts). */
function carriesSignatureForNext(content: AssistantPart[], index: number): boolean {
  const part = content[index];
  const next = content[index + 1];
  return (
    part?.type === 'reasoning' &&
    part.text === '' &&
    part.signature !== undefined &&
    part.redactedData === undefined &&
    next !== undefined &&
    next.type !== 'reasoning'
  );
}

/**
 * Canonical assistant parts → Gemini model parts: text and refusals as text, reasoning as
 * `{text, thought: true, thoughtSignature?}`, tool calls as whole `functionCall` parts with args parsed
 * from the JSON string. A signature-only reasoning part moves its signature onto the next part.
 */
export function encodeAssistantParts(
  content: AssistantPart[],
  options: AssistantPartsOptions,
): EncodedAssistantParts {
  const encoded: EncodedAssistantParts = { parts: [], invalidArguments: [], redactedDropped: 0 };
  let pendingSignature: string | undefined;
  content.forEach((part, index) => {
    if (carriesSignatureForNext(content, index)) {
      pendingSignature = (part as { signature: string }).signature;
      return;
    }
    let wire: WireObject;
    switch (part.type) {
      case 'text':
      case 'refusal':
        wire = { text: part.text };
        break;
      case 'reasoning':
        if (part.redactedData !== undefined && part.text === '') {
          encoded.redactedDropped += 1;
          return;
        }
        wire = { text: part.text, thought: true };
        if (part.signature !== undefined) wire.thoughtSignature = part.signature;
        break;
      case 'tool-call':
        if (parseArguments(part.argumentsJson) === undefined) encoded.invalidArguments.push(part.toolName);
        wire = encodeFunctionCallPart(part, options.emitCallIds);
        break;
    }
    if (pendingSignature !== undefined) {
      wire.thoughtSignature = pendingSignature;
      pendingSignature = undefined;
    }
    encoded.parts.push(mergePartExtras(wire, options.extras?.[String(index)]));
  });
  return encoded;
}
