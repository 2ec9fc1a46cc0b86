import { Hono } from 'hono';
import { listAudit } from '../../access/index.ts';
import type { ApiEnv } from '../env.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { invalidRequest } from '../request-body.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The append-only audit trail, for principals with `audit.read`. Newest first. */
export function auditRoutes() {
  const routes = new Hono<ApiEnv>();
  routes.use('*', requireCapability('audit.read'));
  routes.get('/', async (c) => {
    const { entity, recordId, principalId, limit, before } = c.req.query();
    const details = [
      ['recordId', recordId],
      ['principalId', principalId],
    ]
      .filter(([, value]) => value !== undefined && !UUID.test(value))
      .map(([name]) => ({
        pointer: `/query/${name}`,
        code: 'query.uuid',
        message: { ja: `「${name}」は UUID で指定してください。`, en: `"${name}" must be a UUID.` },
      }));
    if (limit !== undefined && !/^(?:[1-9]\d{0,2}|1000)$/.test(limit)) {
      details.push({
        pointer: '/query/limit',
        code: 'query.limit',
        message: { ja: 'limit は 1〜1000 の整数です。', en: 'limit must be an integer from 1 to 1000.' },
      });
    }
    if (details.length > 0) throw invalidRequest(details);
    const items = await listAudit(c.var.live.sql(), {
      entity,
      recordId,
      principalId,
      limit: limit === undefined ? 100 : Number(limit),
      before,
    });
    return c.json({ items });
  });
  return routes;
}
