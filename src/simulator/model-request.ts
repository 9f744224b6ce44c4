import { isRecord } from './chat-request.js';
import { invalidJson, invalidRequest, type SimulatedError } from './errors.js';
import { type ParsedModel, parseModel } from './faults.js';
import type { SimulatorRecord } from './types.js';

/** A JSON request body with its `model` string and the directives parsed from it. */
export interface ModelRequest {
  body: Record<string, unknown>;
  model: string;
  parsed: ParsedModel;
}

/** Parses the body into the record and extracts the model; the first step of every model endpoint. */
export function parseModelRequest(raw: string, record: SimulatorRecord): ModelRequest | SimulatedError {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    record.body = raw;
    return invalidJson();
  }
  record.body = body;
  if (!isRecord(body)) return invalidRequest('The request body must be a JSON object.', null, 'invalid_type');
  const { model } = body;
  if (typeof model !== 'string' || model === '') {
    return invalidRequest('you must provide a model parameter', 'model', 'missing_required_parameter');
  }
  record.model = model;
  record.stream = body.stream === true;
  const parsed = parseModel(model);
  if (typeof parsed === 'string') return invalidRequest(parsed, 'model', 'invalid_value');
  return { body, model, parsed };
}
