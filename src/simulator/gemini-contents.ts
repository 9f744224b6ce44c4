import { type ChatMessage, isRecord } from './chat-request.js';
import type { SimulatedError } from './errors.js';
import { geminiInvalidArgument } from './gemini-errors.js';
import { fieldOf } from './gemini-fields.js';

/** The part fields of the `data` oneof; a part must set exactly one of them. */
const DATA_FIELDS = [
  'text',
  'inlineData',
  'fileData',
  'functionCall',
  'functionResponse',
  'executableCode',
  'codeExecutionResult',
];

/**
 * Validates `contents` (roles `user`/`model`, non-empty parts, one data field per part, named
 * function calls and responses) and translates it to neutral messages. A user turn carrying
 * `functionResponse` parts becomes its text (if any) followed by one `tool` message per response,
 * so the answer quotes the result; thought parts of earlier model turns add no text.
 */
export function parseContents(contents: unknown, request: string): ChatMessage[] | SimulatedError {
  if (contents === undefined || contents === null || (Array.isArray(contents) && contents.length === 0)) {
    return geminiInvalidArgument(`* ${request}.contents: contents is not specified`);
  }
  if (!Array.isArray(contents)) return geminiInvalidArgument(`* ${request}.contents: must be a list`);
  const messages: ChatMessage[] = [];
  for (const [index, content] of contents.entries()) {
    const parsed = parseContent(content, `${request}.contents[${index}]`);
    if (!Array.isArray(parsed)) return parsed;
    messages.push(...parsed);
  }
  return messages;
}

function parseContent(content: unknown, at: string): ChatMessage[] | SimulatedError {
  if (!isRecord(content)) return geminiInvalidArgument(`* ${at}: must be an object`);
  const role = content.role ?? 'user';
  if (role !== 'user' && role !== 'model')
    return geminiInvalidArgument('Please use a valid role: user, model.');
  const { parts } = content;
  if (!Array.isArray(parts) || parts.length === 0) {
    return geminiInvalidArgument(`* ${at}.parts: contents.parts must not be empty.`);
  }
  let text = '';
  const results: ChatMessage[] = [];
  for (const [index, part] of parts.entries()) {
    const where = `${at}.parts[${index}]`;
    if (!isRecord(part)) return geminiInvalidArgument(`* ${where}: must be an object`);
    const fields = DATA_FIELDS.filter((name) => fieldOf(part, name) !== undefined);
    if (fields.length !== 1) {
      return geminiInvalidArgument(
        `* ${where}.data: required oneof field 'data' must have one initialized field`,
      );
    }
    const parsed = partText(part, fields[0] ?? '', where);
    if (typeof parsed === 'object') {
      if ('status' in parsed) return parsed;
      results.push(parsed);
    } else {
      text += parsed;
    }
  }
  const neutralRole = role === 'model' ? 'assistant' : 'user';
  // The text goes first so the function responses stay last and the answer quotes them.
  const messages: ChatMessage[] = text !== '' || results.length === 0 ? [{ role: neutralRole, text }] : [];
  return [...messages, ...results];
}

/** A part's contribution to its turn's text, or the `tool` message of a function response. */
function partText(
  part: Record<string, unknown>,
  field: string,
  where: string,
): string | ChatMessage | SimulatedError {
  const value = fieldOf(part, field);
  switch (field) {
    case 'text':
      if (typeof value !== 'string') return geminiInvalidArgument(`* ${where}.text: must be a string`);
      return part.thought === true ? '' : value;
    case 'inlineData':
    case 'fileData':
      if (!isRecord(value)) return geminiInvalidArgument(`* ${where}.${field}: must be an object`);
      return '';
    case 'functionCall': {
      if (!isRecord(value) || typeof value.name !== 'string' || value.name === '') {
        return geminiInvalidArgument(`* ${where}.function_call.name: Name cannot be empty.`);
      }
      return `${value.name}${JSON.stringify(value.args ?? {})}`;
    }
    case 'functionResponse': {
      if (!isRecord(value) || typeof value.name !== 'string' || value.name === '') {
        return geminiInvalidArgument(`* ${where}.function_response.name: Name cannot be empty.`);
      }
      if (!isRecord(value.response)) {
        return geminiInvalidArgument(`* ${where}.function_response.response: must be a JSON object`);
      }
      return { role: 'tool', text: responseText(value.response) };
    }
    default:
      return '';
  }
}

/**
 * The quotable text of a function response: the value of a single string field (`{"result":
 * "Sunny"}` reads as `Sunny`, which is how gateways wrap an OpenAI tool message), else the JSON.
 */
function responseText(response: Record<string, unknown>): string {
  const values = Object.values(response);
  const [only] = values;
  return values.length === 1 && typeof only === 'string' ? only : JSON.stringify(response);
}

/** `systemInstruction`: a Content whose text parts form one neutral system message (a plain string is accepted too). */
export function parseSystemInstruction(instruction: unknown): ChatMessage[] | SimulatedError {
  if (instruction === undefined || instruction === null) return [];
  if (typeof instruction === 'string')
    return instruction === '' ? [] : [{ role: 'system', text: instruction }];
  if (!isRecord(instruction) || !Array.isArray(instruction.parts)) {
    return geminiInvalidArgument('* GenerateContentRequest.system_instruction.parts: must be a list');
  }
  const texts: string[] = [];
  for (const part of instruction.parts) {
    if (isRecord(part) && typeof part.text === 'string') texts.push(part.text);
  }
  const text = texts.join('\n');
  return text === '' ? [] : [{ role: 'system', text }];
}
