import { z } from 'zod';
import { version } from '../../cli/version.js';
import { type AdminRoute, noBody, pathParameters } from './route-spec.js';
import { errorSchema } from './schemas.js';

type JsonSchema = Record<string, unknown>;

/** Where the document is served; the route table adds it, so it is listed in itself too. */
export const openApiPath = '/admin/v1/openapi.json';

/**
 * The OpenAPI 3.1 document of the admin API, generated from the very route list and zod schemas
 * the server validates with: request schemas in their input form, responses in their output form.
 */
export function buildOpenApiDocument(routes: readonly AdminRoute[]): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = paths[route.path] ?? {};
    paths[route.path] = operations;
    operations[route.method.toLowerCase()] = describeOperation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Switchyard admin API',
      version,
      description:
        'Virtual keys, teams, plans, usage and prepaid credits. Every operation but this document needs `Authorization: Bearer <admin key>` (SWITCHYARD_ADMIN_KEY or admin.key). Errors are `{"error": {"type", "message", "param"}}`. Money is integer micro-dollars (1e-6 USD).',
    },
    components: {
      securitySchemes: { adminKey: { type: 'http', scheme: 'bearer', description: 'The admin key.' } },
      schemas: { Error: toSchema(errorSchema, 'output') },
    },
    paths,
  };
}

function describeOperation(route: AdminRoute): JsonSchema {
  const parameters: JsonSchema[] = pathParameters(route.path).map((name) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = toSchema(route.query, 'input');
  const required = new Set(Array.isArray(query.required) ? (query.required as string[]) : []);
  for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
    const { description, ...rest } = schema;
    parameters.push({
      name,
      in: 'query',
      required: required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: rest,
    });
  }
  const operation: JsonSchema = {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === false ? { security: [] } : { security: [{ adminKey: [] }] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    responses: {
      [String(route.status ?? 200)]: {
        description: 'Success',
        content: { 'application/json': { schema: toSchema(route.response, 'output') } },
      },
      default: {
        description: 'Error (400 validation, 401/403 admin key, 404, 409 conflict, 413 body too large)',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      },
    },
  };
  if (route.body !== noBody) {
    const optional = route.body instanceof z.ZodOptional;
    const schema = optional ? (route.body as z.ZodOptional<z.ZodType>).unwrap() : route.body;
    operation.requestBody = {
      required: !optional,
      content: { 'application/json': { schema: toSchema(schema, 'input') } },
    };
  }
  return operation;
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-2020-12',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

function operationId(route: AdminRoute): string {
  const words = route.path
    .replace('/admin/v1/', '')
    .split('/')
    .map((part) => (part.startsWith('{') ? `by_${part.slice(1, -1)}` : part));
  return [route.method.toLowerCase(), ...words].join('_').replace(/[^a-z0-9_]/gi, '_');
}
