export { createApiApp } from './app.ts';
export type { ApiDeps, ApiEnv } from './env.ts';
export { buildOpenApiDocument } from './openapi.ts';
export type { ActionDescription } from './openapi-platform.ts';
export { type Lang, negotiateLang, type ProblemDocument, problemDocument } from './problem.ts';
