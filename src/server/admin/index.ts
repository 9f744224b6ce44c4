// The admin API (/admin/v1): keys, teams, plans, usage and credits over JSON, with its OpenAPI document.
export { type AdminDependencies, wireAdminApi } from './admin-dependencies.js';
export { adminPrefix, buildAdminRoutes, createAdminHandler } from './create-admin-handler.js';
export { buildOpenApiDocument, openApiPath } from './openapi.js';
export type { AdminRoute } from './route-spec.js';
export { type AdminCall, MethodNotAllowed, runAdminRoute } from './run-admin-route.js';
