import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';

/** Placeholder replaced below. */
export function shelterRoutes(_app: Hono<PluginHttpEnv>, _ctx: PluginContext): void {}
