import { describe, expect, it } from 'vitest';
import { createRandom } from './hash.js';
import { instanceFromSchema } from './schema-instance.js';
import { validatesAgainst } from './test-helpers.js';

const schemas: Record<string, unknown> = {
  string: { type: 'string', minLength: 12, maxLength: 20 },
  integer: { type: 'integer', minimum: 5, maximum: 6 },
  exclusive: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 },
  multiple: { type: 'integer', minimum: 1, maximum: 100, multipleOf: 7 },
  boolean: { type: 'boolean' },
  nullable: { type: ['string', 'null'] },
  enumeration: { enum: ['red', 'green', 'blue'] },
  constant: { const: 42 },
  formats: {
    type: 'object',
    properties: {
      when: { type: 'string', format: 'date-time' },
      mail: { type: 'string', format: 'email' },
      id: { type: 'string', format: 'uuid' },
    },
    required: ['when', 'mail', 'id'],
  },
  array: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
  unique: { type: 'array', items: { enum: ['a', 'b', 'c'] }, minItems: 3, uniqueItems: true },
  nested: {
    type: 'object',
    properties: {
      user: {
        type: 'object',
        properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
        required: ['name', 'tags'],
        additionalProperties: false,
      },
      note: { type: 'string' },
    },
    required: ['user'],
    additionalProperties: false,
  },
  anyOf: {
    anyOf: [{ type: 'null' }, { type: 'object', properties: { a: { type: 'number' } }, required: ['a'] }],
  },
  reference: {
    type: 'object',
    properties: { item: { $ref: '#/$defs/item' } },
    required: ['item'],
    $defs: { item: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
  },
};

describe('instanceFromSchema', () => {
  for (const [name, schema] of Object.entries(schemas)) {
    it(`generates valid instances for ${name}`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const value = instanceFromSchema(schema, createRandom(seed));
        expect(validatesAgainst(schema, value), `${name} seed ${seed}: ${JSON.stringify(value)}`).toBe(true);
      }
    });
  }

  it('is deterministic for a seed and includes required properties', () => {
    const schema = schemas.nested;
    expect(instanceFromSchema(schema, createRandom(3))).toEqual(instanceFromSchema(schema, createRandom(3)));
    expect(instanceFromSchema(schema, createRandom(3))).toHaveProperty('user.name');
  });

  it('the validator used here really rejects invalid values', () => {
    expect(validatesAgainst(schemas.integer, 9)).toBe(false);
    expect(validatesAgainst(schemas.nested, { user: { name: 'x' } })).toBe(false);
  });

  it('stops at a self-referencing schema instead of recursing forever', () => {
    const schema = { $ref: '#' };
    expect(instanceFromSchema(schema, createRandom(1))).toBeNull();
  });
});
