/**
 * Google documents placeholder thought signatures for replaying function calls that never had a real one
 * (calls made by another provider, or built by the client). They carry no reasoning, so the codec reads
 * them as "no signature" (other providers must never see them) and the Gemini egress adds one back.
 */
export const skipSignatureValidator = 'skip_thought_signature_validator';

const placeholders: ReadonlySet<string> = new Set([
  skipSignatureValidator,
  'context_engineering_is_the_way_to_go',
]);

/** A signature worth keeping: present and not one of Google's placeholders. */
export function realSignature(signature: string | undefined): string | undefined {
  return signature === undefined || placeholders.has(signature) ? undefined : signature;
}
