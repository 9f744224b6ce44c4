import { isWireObject, type WireObject } from '../shared/read-fields.js';

/**
 * Gemini `functionResponse.response` must be a JSON object; the hub keeps tool results as text. Policy:
 * a result whose text is a JSON object travels as that object, other text as `{"result": text}`, and an
 * error result as `{"error": …}` (the keys Google's function-calling guide uses). Decoding undoes the
 * wrapping, so both directions round-trip.
 */

/** Parses text that holds a JSON object; undefined for anything else. */
export function parseJsonObject(text: string): WireObject | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    return isWireObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Tool-result text (and error flag) → the `response` object. */
export function encodeFunctionResponseBody(text: string, isError: boolean): WireObject {
  const parsed = parseJsonObject(text);
  if (isError) return { error: parsed ?? text };
  return parsed ?? { result: text };
}

/** The `response` object → tool-result text and error flag. */
export function decodeFunctionResponseBody(response: WireObject): { text: string; isError: boolean } {
  const keys = Object.keys(response);
  if (keys.length === 1) {
    const value = response[keys[0] as string];
    if (keys[0] === 'error') {
      if (isWireObject(value)) return { text: JSON.stringify(value), isError: true };
      if (isPlainText(value)) return { text: value, isError: true };
    }
    if (keys[0] === 'result' && isPlainText(value)) return { text: value, isError: false };
  }
  return { text: JSON.stringify(response), isError: false };
}

/** A string that re-encodes to itself: text that parses as a JSON object would be re-read as one. */
function isPlainText(value: unknown): value is string {
  return typeof value === 'string' && parseJsonObject(value) === undefined;
}
