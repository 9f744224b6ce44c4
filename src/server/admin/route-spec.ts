import { z } from 'zod';

export type AdminMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** What a handler receives: path parameters, the parsed query and the parsed body. */
export interface RouteInput<Query, Body> {
  params: Record<string, string>;
  query: Query;
  body: Body;
}

/**
 * One admin endpoint. The same zod schemas validate requests, type the handler and generate the
 * OpenAPI document (openapi.ts), so the document cannot describe anything the server does not do.
 */
export interface AdminRoute<
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
  Response extends z.ZodType = z.ZodType,
> {
  method: AdminMethod;
  /** `/admin/v1/keys/{id}`: `{name}` segments are path parameters. */
  path: string;
  tag: string;
  summary: string;
  /** Success status; default 200. */
  status?: number;
  /** False only for the OpenAPI document itself. Default true. */
  auth?: boolean;
  query: Query;
  /** `noBody` for routes that read none. */
  body: Body;
  response: Response;
  handle(input: RouteInput<z.output<Query>, z.output<Body>>): Promise<z.input<Response>>;
}

/** The body schema of routes that take no body. */
export const noBody = z.undefined();

/** The query schema of routes that take no query parameters (unknown ones are refused). */
export const noQuery = z.strictObject({});

/** Keeps each route's generic types while collecting routes into one list. */
export function defineRoute<Query extends z.ZodType, Body extends z.ZodType, Response extends z.ZodType>(
  route: AdminRoute<Query, Body, Response>,
): AdminRoute {
  return route as unknown as AdminRoute;
}

/** Path parameter names of a route path, in order. */
export function pathParameters(path: string): string[] {
  return [...path.matchAll(/\{([a-z_]+)\}/g)].map((match) => match[1] as string);
}

/**
 * Matches a request path against a route path; returns the decoded parameters or undefined.
 * Throws URIError for a malformed percent-encoding (the caller answers 400).
 */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const expected = pattern.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < expected.length; index++) {
    const want = expected[index] as string;
    const got = actual[index] as string;
    if (want.startsWith('{') && want.endsWith('}')) {
      if (got.length === 0) return undefined;
      params[want.slice(1, -1)] = decodeURIComponent(got);
    } else if (want !== got) {
      return undefined;
    }
  }
  return params;
}
