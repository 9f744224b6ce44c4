import type { CanonRequest, Warning } from '../../canon/index.js';
import type { OpenAiCompatibleQuirks } from '../presets/index.js';

/**
 * Adjusts an encoded body for what one vendor accepts. Every change is reported as a warning:
 * nothing the caller asked for is dropped silently.
 */
export function applyQuirks(
  body: Record<string, unknown>,
  request: CanonRequest,
  quirks: OpenAiCompatibleQuirks,
  providerName: string,
): Warning[] {
  const warnings: Warning[] = [];
  for (const field of quirks.unsupportedFields) {
    if (body[field] !== undefined) {
      delete body[field];
      warnings.push({
        code: 'unsupported-parameter',
        field,
        message: `${providerName} does not support '${field}'; it was not sent.`,
      });
    }
  }
  if (!quirks.supportsN && typeof body.n === 'number' && body.n > 1) {
    delete body.n;
    warnings.push({
      code: 'unsupported-parameter',
      field: 'n',
      message: `${providerName} returns one choice only; 'n' was not sent.`,
    });
  }
  if (quirks.imageUrls === 'data-only' && hasRemoteImage(request)) {
    warnings.push({
      code: 'unsupported-parameter',
      field: 'image_url.url',
      message: `${providerName} accepts only base64 data URLs for images; the remote URL may be rejected.`,
    });
  }
  return warnings;
}

function hasRemoteImage(request: CanonRequest): boolean {
  return request.messages.some(
    (message) =>
      message.role === 'user' &&
      message.content.some((part) => part.type === 'image' && part.source.kind === 'url'),
  );
}
