import type { CanonEvent } from '../../canon/index.js';
import { isWireObject, type WireObject } from '../shared/read-fields.js';

/** Per-candidate state of the Gemini stream decoder; one candidate is one canonical choice. */
export interface CandidateState {
  /** `{choice: n}` for candidates after the first, spread into every event. */
  tag: { choice?: number };
  nextBlock: number;
  openText?: number;
  openReasoning?: number;
  calledTools: boolean;
  finished: boolean;
}

/** Ends the open reasoning block, if any. */
export function closeReasoning(candidate: CandidateState, events: CanonEvent[]): void {
  if (candidate.openReasoning === undefined) return;
  events.push({ type: 'reasoning-end', block: candidate.openReasoning, ...candidate.tag });
  candidate.openReasoning = undefined;
}

/** Ends the open text block, if any. */
export function closeText(candidate: CandidateState, events: CanonEvent[]): void {
  if (candidate.openText === undefined) return;
  events.push({ type: 'text-end', block: candidate.openText, ...candidate.tag });
  candidate.openText = undefined;
}

/** `thought: true` parts continue one reasoning block; a signature on one ends the block with it. */
export function onThoughtPart(
  candidate: CandidateState,
  text: string,
  signature: string | undefined,
  events: CanonEvent[],
): void {
  closeText(candidate, events);
  if (candidate.openReasoning === undefined) {
    candidate.openReasoning = candidate.nextBlock++;
    events.push({ type: 'reasoning-start', block: candidate.openReasoning, ...candidate.tag });
  }
  const block = candidate.openReasoning;
  if (text !== '') events.push({ type: 'reasoning-delta', block, text, ...candidate.tag });
  if (signature !== undefined) {
    events.push({ type: 'reasoning-end', block, signature, ...candidate.tag });
    candidate.openReasoning = undefined;
  }
}

/**
 * A signature on a text or function-call part: an empty reasoning block carrying it, just before that
 * part (the request decoder does the same, and the Gemini encoders move it back onto the next part).
 */
export function onSignaturePart(candidate: CandidateState, signature: string, events: CanonEvent[]): void {
  closeReasoning(candidate, events);
  closeText(candidate, events);
  const block = candidate.nextBlock++;
  events.push({ type: 'reasoning-start', block, ...candidate.tag });
  events.push({ type: 'reasoning-end', block, signature, ...candidate.tag });
}

/** Text parts are deltas of one text block until something else arrives. */
export function onTextPart(candidate: CandidateState, text: string, events: CanonEvent[]): void {
  if (text === '') return;
  closeReasoning(candidate, events);
  if (candidate.openText === undefined) {
    candidate.openText = candidate.nextBlock++;
    events.push({ type: 'text-start', block: candidate.openText, ...candidate.tag });
  }
  events.push({ type: 'text-delta', block: candidate.openText, text, ...candidate.tag });
}

/** A function call arrives whole: start, all arguments, end. */
export function onFunctionCallPart(
  candidate: CandidateState,
  call: WireObject,
  nextCallId: (name: string) => string,
  events: CanonEvent[],
): void {
  closeReasoning(candidate, events);
  closeText(candidate, events);
  const name = call.name as string;
  const block = candidate.nextBlock++;
  const callId = typeof call.id === 'string' && call.id !== '' ? call.id : nextCallId(name);
  candidate.calledTools = true;
  events.push({ type: 'tool-call-start', block, callId, toolName: name, ...candidate.tag });
  const argumentsJson = JSON.stringify(isWireObject(call.args) ? call.args : {});
  events.push({ type: 'tool-call-delta', block, argumentsDelta: argumentsJson, ...candidate.tag });
  events.push({ type: 'tool-call-end', block, ...candidate.tag });
}
