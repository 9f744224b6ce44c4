/** Header names whose values are credentials; compared in lower case. */
const sensitiveHeaderNames = new Set([
  'authorization',
  'proxy-authorization',
  'x-api-key',
  'api-key',
  'x-goog-api-key',
  'cookie',
  'set-cookie',
]);

/** The placeholder that replaces every sensitive header value. */
export const redactedValue = '[redacted]';

/**
 * Returns a copy of `headers` that is safe to log: credential-bearing values become '[redacted]'.
 * Matching ignores case because callers build header records with mixed spelling.
 */
export function redactHeaders<Value>(headers: Record<string, Value>): Record<string, Value | string> {
  const result: Record<string, Value | string> = {};
  for (const name of Object.keys(headers)) {
    const value = headers[name] as Value;
    result[name] = sensitiveHeaderNames.has(name.toLowerCase()) ? redactedValue : value;
  }
  return result;
}

/**
 * Shortens `text` to at most `max` characters (plus a marker saying how much was cut),
 * so upstream bodies can go to logs without flooding them.
 */
export function truncateForLog(text: string, max = 2000): string {
  if (text.length <= max) return text;
  let cut = max;
  // Avoid leaving half of a surrogate pair, which would make the log line invalid UTF-16.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}… [${text.length - cut} more characters]`;
}
