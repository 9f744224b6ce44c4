import { LruCache } from './lru.js';

/** The fault behaviours a request can get; every field absent means "answer normally". */
export interface Fault {
  /** Answer with this HTTP error status instead of a completion. */
  status?: number;
  retryAfterSeconds?: number;
  /** Destroy the socket before sending any headers. */
  reset?: boolean;
  /** Never answer; keep the connection until the client leaves. */
  silence?: boolean;
  slowMs?: number;
  delayMs?: number;
  cutAfter?: number;
  stallAfter?: number;
  malformedAfter?: number;
  noDone?: boolean;
  contextLength?: boolean;
  policy?: boolean;
  noPrefill?: boolean;
}

/** A model string split into its base name and parsed directives. */
export interface ParsedModel {
  base: string;
  fault: Fault;
  /** The fault directives as written, joined by `+`; undefined when the model has none. */
  faultName: string | undefined;
  tokens?: number;
  cached?: number;
  reasoning?: number;
  /** `thinking-N`: a visible thinking block (Anthropic) / thought part (Gemini) of about N tokens. */
  thinking?: number;
  times?: number;
  downMs?: number;
  every?: number;
}

/** The fault that applies to one request, after the modifiers (`times`, `down`, `every`) were consulted. */
export interface AppliedFault {
  fault: Fault;
  name: string | undefined;
}

const NO_FAULT: AppliedFault = { fault: {}, name: undefined };
const NUMERIC = /^(slow|delay|cut|stall|malformed|tokens|cached|reasoning|thinking|times|down|every)-(\d+)$/;
const STATUS = /^([45]\d\d)(?:-ra(\d+(?:\.\d+)?))?$/;
const parsedModels = new LruCache<string, ParsedModel | string>(2000);

/** Parses `base+directive+...`; returns an error message for an unknown or malformed directive. */
export function parseModel(model: string): ParsedModel | string {
  const cached = parsedModels.get(model);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(model);
  parsedModels.set(model, parsed);
  return parsed;
}

function parseUncached(model: string): ParsedModel | string {
  const [base = '', ...directives] = model.split('+');
  const parsed: ParsedModel = { base, fault: {}, faultName: undefined };
  const faultNames: string[] = [];
  for (const directive of directives) {
    const applied = applyDirective(parsed, directive);
    if (applied === 'fault') faultNames.push(directive);
    else if (applied === 'invalid') return `Unknown simulator directive '${directive}' in model '${model}'.`;
  }
  if (faultNames.length > 0) parsed.faultName = faultNames.join('+');
  return parsed;
}

function applyDirective(parsed: ParsedModel, directive: string): 'fault' | 'shape' | 'invalid' {
  const fault = parsed.fault;
  const status = STATUS.exec(directive);
  if (status) {
    fault.status = Number(status[1]);
    if (status[2] !== undefined) fault.retryAfterSeconds = Number(status[2]);
    return 'fault';
  }
  switch (directive) {
    case 'reset':
      fault.reset = true;
      return 'fault';
    case 'silence':
      fault.silence = true;
      return 'fault';
    case 'nodone':
      fault.noDone = true;
      return 'fault';
    case 'ctx-len':
      fault.contextLength = true;
      return 'fault';
    case 'policy':
      fault.policy = true;
      return 'fault';
    case 'no-prefill':
      fault.noPrefill = true;
      return 'fault';
  }
  const numeric = NUMERIC.exec(directive);
  if (!numeric) return 'invalid';
  const value = Number(numeric[2]);
  switch (numeric[1]) {
    case 'slow':
      fault.slowMs = value;
      return 'fault';
    case 'delay':
      fault.delayMs = value;
      return 'fault';
    case 'cut':
      fault.cutAfter = value;
      return 'fault';
    case 'stall':
      fault.stallAfter = value;
      return 'fault';
    case 'malformed':
      fault.malformedAfter = value;
      return 'fault';
    case 'tokens':
      parsed.tokens = value;
      return 'shape';
    case 'cached':
      parsed.cached = value;
      return 'shape';
    case 'reasoning':
      parsed.reasoning = value;
      return 'shape';
    case 'thinking':
      parsed.thinking = value;
      return 'shape';
    case 'times':
      parsed.times = value;
      return 'shape';
    case 'down':
      parsed.downMs = value;
      return 'shape';
    default:
      if (value < 1) return 'invalid';
      parsed.every = value;
      return 'shape';
  }
}

interface ModelCounter {
  count: number;
  firstAt: number;
}

/** Per exact model string: how many requests arrived and when the first one did. */
export class FaultState {
  readonly #counters = new Map<string, ModelCounter>();

  /** Counts this request and decides whether the model's fault directives apply to it. */
  apply(model: string, parsed: ParsedModel, now: number): AppliedFault {
    let counter = this.#counters.get(model);
    if (counter === undefined) {
      counter = { count: 0, firstAt: now };
      this.#counters.set(model, counter);
    }
    counter.count++;
    if (parsed.faultName === undefined) return NO_FAULT;
    if (parsed.times !== undefined && counter.count > parsed.times) return NO_FAULT;
    if (parsed.downMs !== undefined && now - counter.firstAt >= parsed.downMs) return NO_FAULT;
    if (parsed.every !== undefined && counter.count % parsed.every !== 0) return NO_FAULT;
    return { fault: parsed.fault, name: parsed.faultName };
  }

  clear(): void {
    this.#counters.clear();
  }
}
