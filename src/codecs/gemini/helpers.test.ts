import { describe, expect, it } from 'vitest';
import { createCallPairing, isSynthesizedCallId, synthesizeCallId } from './call-ids.js';
import { convertOpenApiSchema } from './convert-schema.js';
import { decodeFunctionResponseBody, encodeFunctionResponseBody } from './function-response-body.js';
import { toCamelCase, toSnakeCase } from './wire-fields.js';

describe('call ids', () => {
  it('makes ids in the alphabet and length every provider accepts', () => {
    expect(synthesizeCallId('3', 'maps.lookup:v2')).toBe('call_3_maps_lookup_v2');
    expect(synthesizeCallId('12', 'x'.repeat(100))).toHaveLength(40);
    expect(isSynthesizedCallId('call_3_maps_lookup_v2')).toBe(true);
    expect(isSynthesizedCallId('call_Ab3xYz9QwErTyUiOpAsDfGh')).toBe(false);
    expect(isSynthesizedCallId('toolu_01A09q90qw90lq917835lq9')).toBe(false);
  });

  it('pairs a response with the first unanswered call of its name in the latest model turn', () => {
    const pairing = createCallPairing();
    pairing.startModelTurn();
    const first = pairing.registerCall(undefined, 'f');
    const second = pairing.registerCall(undefined, 'f');
    expect(pairing.resolveResponse(undefined, 'f')).toBe(first);
    expect(pairing.resolveResponse(undefined, 'f')).toBe(second);
    expect(pairing.resolveResponse(undefined, 'f')).toBe('call_2_f');
    pairing.startModelTurn();
    expect(pairing.resolveResponse('given', 'g')).toBe('given');
  });
});

describe('convertOpenApiSchema', () => {
  it('lower-cases types, turns nullable into a null type, and drops Gemini-only keywords', () => {
    expect(
      convertOpenApiSchema({
        type: 'OBJECT',
        propertyOrdering: ['a', 'b'],
        properties: {
          a: { type: 'STRING', format: 'enum', enum: ['x', 'y'], nullable: true },
          b: { type: 'ARRAY', items: { type: 'INTEGER', example: 3 } },
          c: { anyOf: [{ type: 'NUMBER' }, { type: 'BOOLEAN' }], nullable: true },
          d: { description: 'free', properties: {}, nullable: true },
        },
        required: ['a'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        a: { type: ['string', 'null'], enum: ['x', 'y'] },
        b: { type: 'array', items: { type: 'integer' } },
        c: { anyOf: [{ type: 'number' }, { type: 'boolean' }, { type: 'null' }] },
        d: { anyOf: [{ description: 'free', properties: {} }, { type: 'null' }] },
      },
      required: ['a'],
    });
  });
});

describe('function response bodies', () => {
  const cases: Array<[Record<string, unknown>, string, boolean]> = [
    [{ temp_c: 21 }, '{"temp_c":21}', false],
    [{ result: 'noon' }, 'noon', false],
    [{ result: '{"a":1}' }, '{"result":"{\\"a\\":1}"}', false],
    [{ result: 5 }, '{"result":5}', false],
    [{ error: 'boom' }, 'boom', true],
    [{ error: { code: 5 } }, '{"code":5}', true],
    [{ error: 7 }, '{"error":7}', false],
    [{}, '{}', false],
  ];

  it.each(cases)('%j ↔ text %s', (response, text, isError) => {
    expect(decodeFunctionResponseBody(response)).toEqual({ text, isError });
    expect(encodeFunctionResponseBody(text, isError)).toEqual(response);
  });

  it('wraps plain text results', () => {
    expect(encodeFunctionResponseBody('[1,2]', false)).toEqual({ result: '[1,2]' });
  });
});

describe('field spellings', () => {
  it('converts between camelCase and snake_case', () => {
    expect(toSnakeCase('systemInstruction')).toBe('system_instruction');
    expect(toCamelCase('response_mime_type')).toBe('responseMimeType');
    expect(toCamelCase(toSnakeCase('parametersJsonSchema'))).toBe('parametersJsonSchema');
  });
});
