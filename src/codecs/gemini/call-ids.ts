import { randomUUID } from 'node:crypto';

/**
 * Gemini function calls usually carry no id: the caller pairs a `functionResponse` with its
 * `functionCall` by name and order. The hub pairs tool calls and results by `callId`, so the codec makes
 * ids up, deterministically, and recognises its own ids so it never shows them to a Gemini caller as if
 * the model had sent them.
 */

const synthesizedPattern = /^call_[A-Za-z0-9]+_[A-Za-z0-9_-]*$/;

/**
 * `call_<tag>_<name>`: the tag is the call's position (plus a response tag for answers), the name is
 * cleaned to `[A-Za-z0-9_-]` (Anthropic's id alphabet) and the whole id kept within 40 characters
 * (OpenAI's limit on tool-call ids).
 */
export function synthesizeCallId(tag: string, name: string): string {
  return `call_${tag}_${name.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 40);
}

/** True for ids this codec made up (OpenAI `call_<24 alphanumerics>` and Anthropic `toolu_…` ids never match). */
export function isSynthesizedCallId(callId: string): boolean {
  return synthesizedPattern.test(callId);
}

/**
 * Ids for the function calls of one upstream answer. Answers of later turns must not reuse earlier ids
 * (Anthropic rejects duplicate `tool_use` ids in one conversation), so the tag starts with part of the
 * upstream `responseId`, or with random characters when there is none.
 */
export function createResponseCallIds(responseId: string | undefined): (name: string) => string {
  const cleaned = (responseId ?? '').replace(/[^A-Za-z0-9]/g, '').slice(0, 10);
  const prefix = cleaned.length > 0 ? cleaned : randomUUID().replace(/-/g, '').slice(0, 10);
  let ordinal = 0;
  return (name) => synthesizeCallId(`${prefix}${ordinal++}`, name);
}

/** Pairs the calls and responses of one request, turn by turn. */
export interface CallPairing {
  /** A model turn begins: responses that follow answer this turn's calls. */
  startModelTurn(): void;
  /** Records a call and returns its canonical id (the wire id, or a synthesized one). */
  registerCall(wireId: string | undefined, name: string): string;
  /** The canonical id for a response: by wire id, else the first unanswered call of that name. */
  resolveResponse(wireId: string | undefined, name: string): string;
}

interface PendingCall {
  callId: string;
  name: string;
  answered: boolean;
}

/**
 * Pairing state for decoding one request. Request-side ids are `call_<n>_<name>` with n counting every
 * call in the request, so the same history always yields the same ids, turn after turn.
 */
export function createCallPairing(): CallPairing {
  let ordinal = 0;
  let pending: PendingCall[] = [];
  return {
    startModelTurn() {
      pending = [];
    },
    registerCall(wireId, name) {
      const callId = wireId ?? synthesizeCallId(String(ordinal), name);
      ordinal += 1;
      pending.push({ callId, name, answered: false });
      return callId;
    },
    resolveResponse(wireId, name) {
      const match =
        (wireId === undefined
          ? undefined
          : pending.find((call) => !call.answered && call.callId === wireId)) ??
        pending.find((call) => !call.answered && call.name === name);
      if (match) {
        match.answered = true;
        return match.callId;
      }
      // A response to a call outside this request (a trimmed history): keep it, with an id of its own.
      const callId = wireId ?? synthesizeCallId(String(ordinal), name);
      ordinal += 1;
      return callId;
    },
  };
}
