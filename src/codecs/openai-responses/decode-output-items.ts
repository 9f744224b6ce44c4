import type { AssistantMessage, Warning } from '../../canon/index.js';
import { isWireObject, pickUnknown, type WireObject } from '../shared/read-fields.js';
import { vendorFromItemExtras } from './vendor.js';

type AssistantPart = AssistantMessage['content'][number];

/** An upstream Response's `output` read into one assistant message. */
export interface DecodedOutput {
  message: AssistantMessage;
  hasToolCalls: boolean;
  warnings: Warning[];
}

const messageKeys: ReadonlySet<string> = new Set(['type', 'role', 'content']);
const functionCallKeys: ReadonlySet<string> = new Set(['type', 'call_id', 'name', 'arguments']);

/**
 * Upstream `output` items → canonical parts, one per message content part, function call or reasoning
 * item. Item ids, statuses and `encrypted_content` stay in the message vendor so a Responses caller gets
 * them back. Hosted-tool items cannot be represented and are reported.
 */
export function decodeOutputItems(output: unknown[]): DecodedOutput {
  const content: AssistantPart[] = [];
  const extras = new Map<number, WireObject>();
  const warnings: Warning[] = [];
  let hasToolCalls = false;
  const keep = (item: WireObject, known: ReadonlySet<string>) => {
    const fields = pickUnknown(item, known);
    if (fields) extras.set(content.length, fields);
  };
  for (const item of output) {
    if (!isWireObject(item)) continue;
    switch (item.type) {
      case 'message': {
        const parts = Array.isArray(item.content) ? item.content.filter(isWireObject) : [];
        if (parts.length > 0) keep(item, messageKeys);
        for (const part of parts) {
          if (part.type === 'output_text' && typeof part.text === 'string')
            content.push({ type: 'text', text: part.text });
          else if (part.type === 'refusal' && typeof part.refusal === 'string') {
            content.push({ type: 'refusal', text: part.refusal });
          }
        }
        break;
      }
      case 'function_call':
        hasToolCalls = true;
        keep(item, functionCallKeys);
        content.push({
          type: 'tool-call',
          callId: typeof item.call_id === 'string' ? item.call_id : `call_${content.length}`,
          toolName: typeof item.name === 'string' ? item.name : '',
          argumentsJson:
            typeof item.arguments === 'string' ? item.arguments : JSON.stringify(item.arguments ?? {}),
        });
        break;
      case 'reasoning': {
        const fromContent = Array.isArray(item.content) && item.content.length > 0;
        keep(item, new Set(fromContent ? ['type', 'content'] : ['type', 'summary', 'content']));
        content.push({ type: 'reasoning', text: readTexts(fromContent ? item.content : item.summary) });
        break;
      }
      default:
        warnings.push({
          code: 'unsupported-content',
          field: 'output',
          message: `the upstream returned a '${String(item.type)}' output item, which the gateway cannot carry; dropped.`,
        });
    }
  }
  const message: AssistantMessage = { role: 'assistant', content };
  const vendor = vendorFromItemExtras(extras);
  if (vendor) message.vendor = vendor;
  return { message, hasToolCalls, warnings };
}

function readTexts(value: unknown): string {
  if (!Array.isArray(value)) return '';
  return value
    .filter(isWireObject)
    .map((entry) => (typeof entry.text === 'string' ? entry.text : ''))
    .join('\n\n');
}
