import { createMiddleware } from 'hono/factory';
import { recordAudit } from '../../access/index.ts';
import { denialAudit } from '../../records/index.ts';
import type { ApiEnv } from '../env.ts';

/**
 * Puts refused data requests on the audit trail (`access.denied`, see `denialAudit`). Written
 * after the request's own transaction rolled back, so the refusal leaves this one row and
 * nothing else. `subject` reads the entity and record id from the path when the refusal
 * itself does not name them.
 */
export function auditDenials(subject: (path: string[]) => { entity?: string; id?: string } = () => ({})) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    await next();
    if (c.error === undefined) return;
    const entry = denialAudit(c.error, {
      principal: c.var.principal ?? null,
      method: c.req.method,
      ...subject(new URL(c.req.url).pathname.split('/').slice(1).map(decodeURIComponent)),
    });
    if (entry) await recordAudit(c.var.live.sql(), entry);
  });
}
