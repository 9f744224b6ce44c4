/** Splits a `data:<media type>;base64,<data>` URL; undefined for anything else. */
export function decodeDataUrl(url: string): { mediaType: string; data: string } | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma < 0) return undefined;
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64')) return undefined;
  return { mediaType: header.slice(0, -7) || 'application/octet-stream', data: url.slice(comma + 1) };
}

/** Builds a base64 data URL. */
export function encodeDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
