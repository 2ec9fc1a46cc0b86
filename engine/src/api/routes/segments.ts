import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import { KibanError } from '../../errors.ts';
import type { RuleMetadata } from '../../metadata/index.ts';
import { previewRule, previewSegment, ruleProblems } from '../../rules/index.ts';
import type { ApiEnv } from '../env.ts';
import { auditDenials } from '../middleware/audit-denials.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { readJsonObject } from '../request-body.ts';

/**
 * `POST /api/segments/:name/preview`: how many records a published rule selects, among those
 * the caller may read. `POST /api/segments/preview` with `{ rule }` does the same for a rule
 * being edited, after the validation a publication would run: writing rules is editing the
 * app, so it needs `metadata.publish`. Either way every fact runs under the caller's policies.
 */
export function segmentRoutes() {
  const routes = new Hono<ApiEnv>();
  routes.use('*', auditDenials());
  routes.post('/preview', requireCapability('metadata.publish'), async (c) => {
    const { rule } = await readJsonObject(c);
    const live = c.var.live;
    const errors = ruleProblems(live, rule);
    if (errors.length > 0) {
      throw new KibanError(
        'rule.invalid',
        422,
        { ja: 'ルールに誤りがあります。', en: 'The rule has problems.' },
        errors.map((error) => ({ ...error, pointer: `/rule${error.pointer}` })),
      );
    }
    return c.json(await previewRule({ live, principal: c.var.principal as Principal }, rule as RuleMetadata));
  });
  routes.post('/:name/preview', async (c) =>
    c.json(await previewSegment({ live: c.var.live, principal: c.var.principal as Principal }, c.req.param('name'))),
  );
  return routes;
}
