import { createMiddleware } from 'hono/factory';
import { recordAudit } from '../../access/index.ts';
import { KibanError } from '../../errors.ts';
import { denialOf } from '../../records/index.ts';
import type { ApiEnv } from '../env.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Puts refused data requests on the audit trail (`access.denied`): who, which entity, record
 * and fields, and why (the error code) — never a value. Written after the request's own
 * transaction rolled back, so the refusal leaves this one row and nothing else. `subject`
 * reads the entity and record id from the path when the refusal itself does not name them.
 */
export function auditDenials(subject: (path: string[]) => { entity?: string; id?: string } = () => ({})) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    await next();
    const error = c.error;
    if (!(error instanceof KibanError)) return;
    const marked = denialOf(error);
    const refused = error.status === 403 && error.code.startsWith('access.');
    if (!marked && !refused) return;
    const fromPath = subject(new URL(c.req.url).pathname.split('/').slice(1).map(decodeURIComponent));
    const fields = marked?.fields ?? error.details.map((detail) => detail.pointer.split('/').pop() ?? '');
    await recordAudit(c.var.live.sql(), {
      principal: c.var.principal ?? null,
      action: 'access.denied',
      entity: marked?.entity ?? fromPath.entity,
      recordIds: fromPath.id && UUID.test(fromPath.id) ? [fromPath.id] : [],
      fields: fields.filter((name) => name !== ''),
      detail: {
        reason: marked && !refused ? 'hiddenByRowPolicy' : error.code,
        method: c.req.method,
        ...(marked?.target ? { target: marked.target } : {}),
      },
    });
  });
}
