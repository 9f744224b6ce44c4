import type { CanonTool, CanonToolChoice } from '../../canon/index.js';
import {
  describeType,
  expectArray,
  expectObject,
  expectString,
  invalidField,
  joinPath,
  missingField,
  type WireObject,
} from '../shared/read-fields.js';
import { convertOpenApiSchema } from './convert-schema.js';
import { isAbsent, pickUnknownFields, readField, readString } from './wire-fields.js';

/** Vendor key for declaration fields the hub does not model (`response`, `behavior`, …), by function name. */
export const declarationExtrasKey = '$functionDeclarations';

const namePattern = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,127}$/;
const modes = new Set(['AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED']);

/** Function tools plus what travels in `vendor.gemini`. */
export interface DecodedTools {
  tools?: CanonTool[];
  /**
   * Built-in tools (`googleSearch`, `codeExecution`, `urlContext`, …). Policy: they are carried, not
   * refused: a Gemini upstream gets them back verbatim, any other upstream reports each as an
   * 'unsupported-parameter' warning (the vendor rule), so a Gemini caller can still use them end to end.
   */
  builtInTools?: WireObject[];
  declarationExtras?: Record<string, WireObject>;
}

/** `tools[]` → canonical function tools; each Tool object may hold declarations and built-in tool kinds. */
export function decodeGeminiTools(value: unknown, path = 'tools'): DecodedTools {
  if (value === undefined || value === null) return {};
  const tools: CanonTool[] = [];
  const builtInTools: WireObject[] = [];
  const declarationExtras: Record<string, WireObject> = {};
  expectArray(value, path).forEach((item, index) => {
    const toolPath = `${path}[${index}]`;
    const tool = expectObject(item, toolPath);
    const declarations = readField(tool, 'functionDeclarations');
    if (!isAbsent(declarations)) {
      const listPath = joinPath(toolPath, declarations.key);
      expectArray(declarations.value, listPath).forEach((declaration, position) => {
        const decoded = decodeDeclaration(declaration, `${listPath}[${position}]`);
        tools.push(decoded.tool);
        if (decoded.extras) declarationExtras[decoded.tool.name] = decoded.extras;
      });
    }
    const others = pickUnknownFields(tool, new Set(['functionDeclarations']));
    if (others) builtInTools.push(others);
  });
  return {
    ...(tools.length > 0 ? { tools } : {}),
    ...(builtInTools.length > 0 ? { builtInTools } : {}),
    ...(Object.keys(declarationExtras).length > 0 ? { declarationExtras } : {}),
  };
}

function decodeDeclaration(value: unknown, path: string): { tool: CanonTool; extras?: WireObject } {
  const declaration = expectObject(value, path);
  const nameField = readField(declaration, 'name');
  if (isAbsent(nameField)) missingField(joinPath(path, 'name'));
  const name = expectString(nameField.value, joinPath(path, nameField.key));
  if (!namePattern.test(name)) {
    invalidField(
      joinPath(path, nameField.key),
      'expected 1-128 characters of a-z, A-Z, 0-9, _, ., : or -, starting with a letter or _.',
    );
  }
  const tool: CanonTool = { name };
  const description = readString(declaration, 'description', path);
  if (description !== undefined) tool.description = description;
  const openApi = readField(declaration, 'parameters');
  const jsonSchema = readField(declaration, 'parametersJsonSchema');
  if (!isAbsent(openApi) && !isAbsent(jsonSchema)) {
    invalidField(joinPath(path, jsonSchema.key), `cannot be combined with '${openApi.key}'.`);
  }
  if (!isAbsent(jsonSchema)) {
    tool.inputSchema = expectObject(jsonSchema.value, joinPath(path, jsonSchema.key));
  } else if (!isAbsent(openApi)) {
    tool.inputSchema = convertOpenApiSchema(expectObject(openApi.value, joinPath(path, openApi.key)));
  }
  const extras = pickUnknownFields(
    declaration,
    new Set(['name', 'description', 'parameters', 'parametersJsonSchema']),
  );
  return extras ? { tool, extras } : { tool };
}

/** `toolConfig` → the canonical tool choice, plus what only a Gemini upstream understands. */
export interface DecodedToolConfig {
  toolChoice?: CanonToolChoice;
  /** Kept in `vendor.gemini.toolConfig` (e.g. `retrievalConfig`, mode VALIDATED, a multi-name allow list). */
  extras?: WireObject;
}

/**
 * `functionCallingConfig`: AUTO → 'auto', NONE → 'none', ANY → 'required', ANY with one allowed name →
 * that tool. ANY with several names and VALIDATED have no canonical form: the choice is approximated
 * ('required' / 'auto') and the wire values kept for a Gemini upstream.
 */
export function decodeGeminiToolConfig(
  value: unknown,
  tools: CanonTool[] | undefined,
  path = 'toolConfig',
): DecodedToolConfig {
  if (value === undefined || value === null) return {};
  const config = expectObject(value, path);
  const extras = pickUnknownFields(config, new Set(['functionCallingConfig'])) ?? {};
  const field = readField(config, 'functionCallingConfig');
  if (isAbsent(field)) return Object.keys(extras).length > 0 ? { extras } : {};
  const callingPath = joinPath(path, field.key);
  const calling = expectObject(field.value, callingPath);
  const callingExtras = pickUnknownFields(calling, new Set(['mode', 'allowedFunctionNames'])) ?? {};
  const mode = readString(calling, 'mode', callingPath) ?? 'MODE_UNSPECIFIED';
  if (!modes.has(mode)) {
    invalidField(
      joinPath(callingPath, readField(calling, 'mode').key),
      `expected one of 'AUTO', 'ANY', 'NONE', 'VALIDATED', got ${describeType(mode)}.`,
    );
  }
  const allowed = decodeAllowedNames(calling, callingPath, mode, tools);
  let toolChoice: CanonToolChoice | undefined;
  if (mode === 'AUTO') toolChoice = 'auto';
  else if (mode === 'NONE') toolChoice = 'none';
  else if (mode === 'ANY')
    toolChoice = allowed?.length === 1 ? { toolName: allowed[0] as string } : 'required';
  else if (mode === 'VALIDATED') {
    toolChoice = 'auto';
    callingExtras.mode = mode;
  }
  if (allowed && allowed.length > 1) callingExtras.allowedFunctionNames = allowed;
  if (mode === 'VALIDATED' && allowed?.length === 1) callingExtras.allowedFunctionNames = allowed;
  if (Object.keys(callingExtras).length > 0) extras.functionCallingConfig = callingExtras;
  return {
    ...(toolChoice === undefined ? {} : { toolChoice }),
    ...(Object.keys(extras).length > 0 ? { extras } : {}),
  };
}

function decodeAllowedNames(
  calling: WireObject,
  path: string,
  mode: string,
  tools: CanonTool[] | undefined,
): string[] | undefined {
  const field = readField(calling, 'allowedFunctionNames');
  if (isAbsent(field)) return undefined;
  const listPath = joinPath(path, field.key);
  if (mode !== 'ANY' && mode !== 'VALIDATED') {
    invalidField(listPath, "is only allowed with mode 'ANY' or 'VALIDATED'.");
  }
  const names = expectArray(field.value, listPath).map((item, index) => {
    const name = expectString(item, `${listPath}[${index}]`);
    if (!tools?.some((tool) => tool.name === name)) {
      invalidField(`${listPath}[${index}]`, `no function named '${name}' is declared in 'tools'.`);
    }
    return name;
  });
  return names.length > 0 ? names : undefined;
}
