import type { Hono } from '@kiban/sdk';

/** Placeholder replaced below. */
export function appRoutes(_app: Hono): void {}
