import {
  type CanonEvent,
  type CanonUsage,
  type GatewayError,
  type GatewaySummary,
  toGatewayError,
} from '../../canon/index.js';
import { countTextTokens, estimatePromptTokens } from '../../limits/estimate-tokens.js';
import type { RequestOutcome } from '../../store/index.js';
import type { Stage } from '../compose.js';
import type { RequestContext } from '../context.js';
import type { Outcome } from '../outcome.js';
import { buildSummary, type Pricing } from './summary.js';

/** Where settled requests go (the write-behind request log). */
export interface SettleSink {
  record(context: RequestContext, result: SettledResult): void;
}

/** How a request ended, for the log. */
export interface SettledResult {
  outcome: RequestOutcome;
  status: number;
  usage?: CanonUsage;
  usageEstimated: boolean;
  costMicros: number | null;
  /** The same usage on the baseline model, when a baseline is configured and priced. */
  baselineCostMicros?: number | null;
  error?: GatewayError;
}

/**
 * Accounting that always runs: on success, error and client abort, computes usage → cost, sets the
 * gateway summary and records one log row. For streams it wraps the events and appends the summary
 * as the final event.
 */
export function createSettleStage(pricing: Pricing, sink: SettleSink): Stage {
  return {
    name: 'settle',
    async run(context, next) {
      let outcome: Outcome;
      try {
        outcome = await next();
      } catch (thrown) {
        const error = toGatewayError(thrown);
        const outcomeKind: RequestOutcome = error.kind === 'client_closed' ? 'aborted' : 'error';
        sink.record(context, {
          outcome: outcomeKind,
          status: error.status,
          usageEstimated: false,
          costMicros: null,
          error,
        });
        throw error;
      }
      if (outcome.kind === 'response') {
        const usage =
          outcome.response.usage ??
          (await estimateUsage(context, textOf(outcome.response.choices[0]?.message.content)));
        const estimated = outcome.response.usage === undefined;
        const summary = buildSummary(context, pricing, usage);
        context.summary = summary.summary;
        sink.record(context, {
          outcome: 'success',
          status: 200,
          usage,
          usageEstimated: estimated,
          costMicros: summary.costMicros,
          baselineCostMicros: summary.baselineCostMicros,
        });
        return outcome;
      }
      return { kind: 'stream', events: settleStream(context, outcome.events, pricing, sink) };
    },
  };
}

async function* settleStream(
  context: RequestContext,
  events: AsyncIterable<CanonEvent>,
  pricing: Pricing,
  sink: SettleSink,
): AsyncGenerator<CanonEvent> {
  let usage: CanonUsage | undefined;
  let error: GatewayError | undefined;
  let completed = false;
  let streamedText = '';
  let costMicros: number | null = null;
  let baselineCostMicros: number | null = null;
  let estimated = false;
  try {
    for await (const event of events) {
      if (event.type === 'usage') usage = event.usage;
      else if (event.type === 'text-delta' || event.type === 'reasoning-delta') streamedText += event.text;
      else if (event.type === 'tool-call-delta') streamedText += event.argumentsDelta;
      else if (event.type === 'error') error = event.error;
      else if (event.type === 'warning') context.warnings.push(event.warning);
      yield event;
      if (error) break;
    }
    if (!error) {
      if (usage === undefined) {
        usage = await estimateUsage(context, streamedText);
        estimated = true;
      }
      const summary = buildSummary(context, pricing, usage);
      costMicros = summary.costMicros;
      baselineCostMicros = summary.baselineCostMicros;
      context.summary = summary.summary;
      completed = true;
      yield { type: 'gateway-summary', summary: summary.summary } satisfies CanonEvent;
    }
  } finally {
    if (usage === undefined) {
      usage = await estimateUsage(context, streamedText);
      estimated = true;
    }
    if (!completed) {
      const partial = buildSummary(context, pricing, usage);
      costMicros = partial.costMicros;
      baselineCostMicros = partial.baselineCostMicros;
    }
    const outcome: RequestOutcome = completed
      ? 'success'
      : error && error.kind !== 'client_closed'
        ? 'incomplete'
        : 'aborted';
    const result: SettledResult = {
      outcome,
      status: 200,
      usage,
      usageEstimated: estimated,
      costMicros,
      baselineCostMicros,
    };
    if (error) result.error = error;
    sink.record(context, result);
  }
}

async function estimateUsage(context: RequestContext, outputText: string): Promise<CanonUsage> {
  const input = context.request ? await estimatePromptTokens(context.request) : 0;
  return { input: { total: input }, output: { total: await countTextTokens(outputText) } };
}

function textOf(parts: Array<{ type: string; text?: string }> | undefined): string {
  return (parts ?? []).map((part) => part.text ?? '').join('');
}

export type { GatewaySummary };
