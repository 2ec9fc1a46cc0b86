import { createMiddleware } from 'hono/factory';
import type { Capability } from '../../metadata/index.ts';
import type { ApiEnv } from '../env.ts';
import { httpError } from '../problem.ts';

/** Lets the request through only when one of the principal's roles grants the capability. */
export function requireCapability(capability: Capability) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    if (!c.var.live.policy.hasCapability(c.var.principal, capability)) {
      throw httpError(403, 'access.denied', {
        ja: `この操作には権限「${capability}」が必要です。`,
        en: `This operation needs the capability "${capability}".`,
      });
    }
    await next();
  });
}
