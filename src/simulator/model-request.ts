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

/** How a protocol words the errors every model endpoint can hit before its own validation. */
export interface BodyErrors {
  invalidJson(): SimulatedError;
  notObject(): SimulatedError;
  missingModel(): SimulatedError;
  /** An unknown or malformed directive; `message` names it. */
  invalidModel(message: string): SimulatedError;
}

const OPENAI_BODY_ERRORS: BodyErrors = {
  invalidJson,
  notObject: () => invalidRequest('The request body must be a JSON object.', null, 'invalid_type'),
  missingModel: () =>
    invalidRequest('you must provide a model parameter', 'model', 'missing_required_parameter'),
  invalidModel: (message) => invalidRequest(message, 'model', 'invalid_value'),
};

/** Parses the body into the record; a JSON object or the protocol's error. */
export function parseJsonBody(
  raw: string,
  record: SimulatorRecord,
  errors: BodyErrors,
): { body: Record<string, unknown> } | SimulatedError {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    record.body = raw;
    return errors.invalidJson();
  }
  record.body = body;
  if (!isRecord(body)) return errors.notObject();
  return { body };
}

/** Records the model and parses its directives; Gemini's model comes from the path, the others' from the body. */
export function parseModelName(
  model: string,
  record: SimulatorRecord,
  errors: BodyErrors,
): ParsedModel | SimulatedError {
  record.model = model;
  const parsed = parseModel(model);
  return typeof parsed === 'string' ? errors.invalidModel(parsed) : parsed;
}

/** Parses the body into the record and extracts the model; the first step of every model endpoint. */
export function parseModelRequest(
  raw: string,
  record: SimulatorRecord,
  errors: BodyErrors = OPENAI_BODY_ERRORS,
): ModelRequest | SimulatedError {
  const parsedBody = parseJsonBody(raw, record, errors);
  if ('status' in parsedBody) return parsedBody;
  const { body } = parsedBody;
  const { model } = body;
  if (typeof model !== 'string' || model === '') return errors.missingModel();
  record.stream = body.stream === true;
  const parsed = parseModelName(model, record, errors);
  if ('status' in parsed) return parsed;
  return { body, model, parsed };
}

/** Stores a body that no handler parsed (404s, rejected keys) in the record, as JSON when it is JSON. */
export function recordRawBody(record: SimulatorRecord, raw: string): void {
  if (raw === '') return;
  try {
    record.body = JSON.parse(raw);
  } catch {
    record.body = raw;
  }
}
